#include "client/ui/qr_code.h"

#include <algorithm>
#include <cstdlib>

namespace alin::ui::qr {

namespace {

// Level M block structure per version (1..10): error correction codewords per
// block, then (blocks, data codewords) of the two groups.
struct Blocks {
    int ec, n1, d1, n2, d2;
};
constexpr Blocks kBlocksM[kMaxVersion + 1] = {
    {0, 0, 0, 0, 0},   {10, 1, 16, 0, 0}, {16, 1, 28, 0, 0},  {26, 1, 44, 0, 0},  {18, 2, 32, 0, 0},  {24, 2, 43, 0, 0},
    {16, 4, 27, 0, 0}, {18, 4, 31, 0, 0}, {22, 2, 38, 2, 39}, {22, 3, 36, 2, 37}, {26, 4, 43, 1, 44},
};
// Centres of the alignment patterns per version (0 = none).
constexpr int kAlign[kMaxVersion + 1][3] = {{0, 0, 0},  {0, 0, 0},   {6, 18, 0},  {6, 22, 0},  {6, 26, 0}, {6, 30, 0},
                                            {6, 34, 0}, {6, 22, 38}, {6, 24, 42}, {6, 26, 46}, {6, 28, 50}};

int dataCodewords(int v) {
    const Blocks& b = kBlocksM[v];
    return b.n1 * b.d1 + b.n2 * b.d2;
}

uint8_t gfMul(uint8_t x, uint8_t y) {
    int z = 0;
    for (int i = 7; i >= 0; --i) {
        z = (z << 1) ^ ((z >> 7) * 0x11D);
        z ^= ((y >> i) & 1) * x;
    }
    return static_cast<uint8_t>(z);
}

class Matrix {
public:
    explicit Matrix(int size)
        : size_(size), dark_(static_cast<size_t>(size) * size, 0), fn_(static_cast<size_t>(size) * size, 0) {}
    int size() const { return size_; }
    uint8_t& at(int x, int y) { return dark_[static_cast<size_t>(y) * size_ + x]; }
    bool isFunction(int x, int y) const { return fn_[static_cast<size_t>(y) * size_ + x] != 0; }
    void setFunction(int x, int y, bool dark) {
        at(x, y) = dark ? 1 : 0;
        fn_[static_cast<size_t>(y) * size_ + x] = 1;
    }
    std::vector<uint8_t>& modules() { return dark_; }

private:
    int size_;
    std::vector<uint8_t> dark_, fn_;
};

void drawFinder(Matrix& m, int cx, int cy) {
    for (int dy = -4; dy <= 4; ++dy)
        for (int dx = -4; dx <= 4; ++dx) {
            int x = cx + dx, y = cy + dy;
            if (x < 0 || y < 0 || x >= m.size() || y >= m.size()) continue;
            int d = std::max(std::abs(dx), std::abs(dy));  // Chebyshev distance: rings
            m.setFunction(x, y, d != 2 && d != 4);
        }
}

void drawAlignment(Matrix& m, int cx, int cy) {
    for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx) m.setFunction(cx + dx, cy + dy, std::max(std::abs(dx), std::abs(dy)) != 1);
}

void drawFormat(Matrix& m, int mask) {
    uint32_t bits = formatBits(mask);
    auto bit = [&](int i) { return ((bits >> i) & 1) != 0; };
    int n = m.size();
    for (int i = 0; i <= 5; ++i) m.setFunction(8, i, bit(i));
    m.setFunction(8, 7, bit(6));
    m.setFunction(8, 8, bit(7));
    m.setFunction(7, 8, bit(8));
    for (int i = 9; i < 15; ++i) m.setFunction(14 - i, 8, bit(i));
    for (int i = 0; i < 8; ++i) m.setFunction(n - 1 - i, 8, bit(i));
    for (int i = 8; i < 15; ++i) m.setFunction(8, n - 15 + i, bit(i));
    m.setFunction(8, n - 8, true);  // the dark module
}

void drawVersion(Matrix& m, int version) {
    if (version < 7) return;
    uint32_t bits = versionBits(version);
    for (int i = 0; i < 18; ++i) {
        bool b = ((bits >> i) & 1) != 0;
        int a = m.size() - 11 + i % 3, c = i / 3;
        m.setFunction(a, c, b);
        m.setFunction(c, a, b);
    }
}

void drawFunctionPatterns(Matrix& m, int version) {
    int n = m.size();
    for (int i = 0; i < n; ++i) {  // timing patterns
        m.setFunction(6, i, i % 2 == 0);
        m.setFunction(i, 6, i % 2 == 0);
    }
    drawFinder(m, 3, 3);
    drawFinder(m, n - 4, 3);
    drawFinder(m, 3, n - 4);
    const int* al = kAlign[version];
    int count = version == 1 ? 0 : version < 7 ? 2 : 3;
    for (int i = 0; i < count; ++i)
        for (int j = 0; j < count; ++j) {
            // Not over the three finders.
            if ((i == 0 && j == 0) || (i == 0 && j == count - 1) || (i == count - 1 && j == 0)) continue;
            drawAlignment(m, al[i], al[j]);
        }
    drawFormat(m, 0);  // reserves the areas; rewritten with the chosen mask
    drawVersion(m, version);
}

bool maskBit(int mask, int x, int y) {
    switch (mask) {
        case 0:
            return (x + y) % 2 == 0;
        case 1:
            return y % 2 == 0;
        case 2:
            return x % 3 == 0;
        case 3:
            return (x + y) % 3 == 0;
        case 4:
            return (x / 3 + y / 2) % 2 == 0;
        case 5:
            return x * y % 2 + x * y % 3 == 0;
        case 6:
            return (x * y % 2 + x * y % 3) % 2 == 0;
        default:
            return ((x + y) % 2 + x * y % 3) % 2 == 0;
    }
}

void applyMask(Matrix& m, int mask) {
    for (int y = 0; y < m.size(); ++y)
        for (int x = 0; x < m.size(); ++x)
            if (!m.isFunction(x, y) && maskBit(mask, x, y)) m.at(x, y) ^= 1;
}

// The codewords, data and error correction interleaved by block.
std::vector<uint8_t> finalCodewords(const std::vector<uint8_t>& data, int version) {
    const Blocks& b = kBlocksM[version];
    std::vector<std::vector<uint8_t>> dataBlocks, ecBlocks;
    size_t pos = 0;
    for (int i = 0; i < b.n1 + b.n2; ++i) {
        int len = i < b.n1 ? b.d1 : b.d2;
        std::vector<uint8_t> block(data.begin() + static_cast<long>(pos), data.begin() + static_cast<long>(pos + len));
        pos += static_cast<size_t>(len);
        ecBlocks.push_back(reedSolomon(block, b.ec));
        dataBlocks.push_back(std::move(block));
    }
    std::vector<uint8_t> out;
    size_t longest = static_cast<size_t>(std::max(b.d1, b.d2));
    for (size_t i = 0; i < longest; ++i)
        for (const auto& block : dataBlocks)
            if (i < block.size()) out.push_back(block[i]);
    for (int i = 0; i < b.ec; ++i)
        for (const auto& block : ecBlocks) out.push_back(block[static_cast<size_t>(i)]);
    return out;
}

void placeData(Matrix& m, const std::vector<uint8_t>& codewords) {
    int n = m.size();
    size_t i = 0, total = codewords.size() * 8;
    for (int right = n - 1; right >= 1; right -= 2) {
        if (right == 6) right = 5;  // the vertical timing pattern
        for (int vert = 0; vert < n; ++vert)
            for (int j = 0; j < 2; ++j) {
                int x = right - j;
                bool upward = ((right + 1) & 2) == 0;
                int y = upward ? n - 1 - vert : vert;
                if (m.isFunction(x, y) || i >= total) continue;
                m.at(x, y) = (codewords[i >> 3] >> (7 - (i & 7))) & 1;
                ++i;
            }
    }
}

}  // namespace

uint32_t formatBits(int mask) {
    uint32_t data = (0u << 3) | static_cast<uint32_t>(mask);  // level M = 00
    uint32_t rem = data;
    for (int i = 0; i < 10; ++i) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
    return ((data << 10) | (rem & 0x3FF)) ^ 0x5412;
}

uint32_t versionBits(int version) {
    uint32_t rem = static_cast<uint32_t>(version);
    for (int i = 0; i < 12; ++i) rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
    return (static_cast<uint32_t>(version) << 12) | (rem & 0xFFF);
}

std::vector<uint8_t> reedSolomon(const std::vector<uint8_t>& data, int ecCount) {
    // Generator polynomial: product of (x - 2^i), i < ecCount, leading term dropped.
    std::vector<uint8_t> divisor(static_cast<size_t>(ecCount), 0);
    divisor.back() = 1;
    uint8_t root = 1;
    for (int i = 0; i < ecCount; ++i) {
        for (size_t j = 0; j < divisor.size(); ++j) {
            divisor[j] = gfMul(divisor[j], root);
            if (j + 1 < divisor.size()) divisor[j] ^= divisor[j + 1];
        }
        root = gfMul(root, 2);
    }
    std::vector<uint8_t> rem(divisor.size(), 0);
    for (uint8_t b : data) {
        uint8_t factor = b ^ rem.front();
        rem.erase(rem.begin());
        rem.push_back(0);
        for (size_t j = 0; j < rem.size(); ++j) rem[j] ^= gfMul(divisor[j], factor);
    }
    return rem;
}

int penalty(const Code& code) {
    int n = code.size, score = 0;
    auto dark = [&](int x, int y, bool rows) { return rows ? code.dark(x, y) : code.dark(y, x); };
    for (int pass = 0; pass < 2; ++pass) {
        bool rows = pass == 0;
        for (int a = 0; a < n; ++a) {
            // N1: runs of five or more modules of one colour.
            int run = 1;
            for (int b = 1; b <= n; ++b) {
                if (b < n && dark(b, a, rows) == dark(b - 1, a, rows)) {
                    ++run;
                    continue;
                }
                if (run >= 5) score += 3 + (run - 5);
                run = 1;
            }
            // N3: 1:1:3:1:1 finder-like patterns with four light modules on one side.
            static const bool kPattern[2][11] = {{1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0}, {0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1}};
            for (int b = 0; b + 11 <= n; ++b)
                for (const auto& p : kPattern) {
                    bool match = true;
                    for (int k = 0; k < 11 && match; ++k) match = dark(b + k, a, rows) == p[k];
                    if (match) score += 40;
                }
        }
    }
    // N2: 2x2 blocks of one colour.
    for (int y = 0; y + 1 < n; ++y)
        for (int x = 0; x + 1 < n; ++x) {
            bool c = code.dark(x, y);
            if (c == code.dark(x + 1, y) && c == code.dark(x, y + 1) && c == code.dark(x + 1, y + 1)) score += 3;
        }
    // N4: proportion of dark modules away from 50 %, by steps of 5 %.
    long darkCount = std::count(code.modules.begin(), code.modules.end(), uint8_t{1});
    long total = static_cast<long>(n) * n;
    long k = std::labs(darkCount * 20 - total * 10) / total;
    score += static_cast<int>(k) * 10;
    return score;
}

std::optional<Code> encode(std::string_view bytes) {
    int version = 0;
    for (int v = 1; v <= kMaxVersion; ++v) {
        int header = 4 + (v < 10 ? 8 : 16);
        if (header + static_cast<int>(bytes.size()) * 8 <= dataCodewords(v) * 8) {
            version = v;
            break;
        }
    }
    if (version == 0) return std::nullopt;
    // Bit stream: mode 0100 (byte), count, bytes, terminator, padding.
    std::vector<bool> bits;
    auto append = [&](uint32_t value, int count) {
        for (int i = count - 1; i >= 0; --i) bits.push_back(((value >> i) & 1) != 0);
    };
    append(0x4, 4);
    append(static_cast<uint32_t>(bytes.size()), version < 10 ? 8 : 16);
    for (char c : bytes) append(static_cast<unsigned char>(c), 8);
    size_t capacity = static_cast<size_t>(dataCodewords(version)) * 8;
    append(0, static_cast<int>(std::min<size_t>(4, capacity - bits.size())));
    while (bits.size() % 8) bits.push_back(false);
    std::vector<uint8_t> data;
    for (size_t i = 0; i < bits.size(); i += 8) {
        uint8_t b = 0;
        for (size_t k = 0; k < 8; ++k) b = static_cast<uint8_t>((b << 1) | (bits[i + k] ? 1 : 0));
        data.push_back(b);
    }
    for (uint8_t pad = 0xEC; data.size() < static_cast<size_t>(dataCodewords(version)); pad ^= 0xEC ^ 0x11)
        data.push_back(pad);

    Matrix m(17 + 4 * version);
    drawFunctionPatterns(m, version);
    placeData(m, finalCodewords(data, version));
    Code best;
    int bestScore = -1;
    for (int mask = 0; mask < 8; ++mask) {
        applyMask(m, mask);
        drawFormat(m, mask);
        Code candidate{version, m.size(), mask, m.modules()};
        int score = penalty(candidate);
        if (bestScore < 0 || score < bestScore) {
            bestScore = score;
            best = std::move(candidate);
        }
        applyMask(m, mask);  // XOR again: back to the unmasked data
    }
    return best;
}

}  // namespace alin::ui::qr
