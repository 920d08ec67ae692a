// A small QR code encoder (ISO/IEC 18004): byte mode, error correction level M,
// versions 1 to 10 (up to 213 bytes), with the standard's mask selection.
// Pure C++, no drawing: the kiosk draws the modules with ImGui rectangles.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace alin::ui::qr {

inline constexpr int kMaxVersion = 10;

struct Code {
    int version = 0;
    int size = 0;                  // modules per side: 17 + 4 * version
    int mask = 0;                  // 0..7, the one with the lowest penalty
    std::vector<uint8_t> modules;  // size * size, row by row, 1 = dark
    bool dark(int x, int y) const { return modules[static_cast<size_t>(y) * size + x] != 0; }
};

// nullopt when the text does not fit in version 10-M.
std::optional<Code> encode(std::string_view bytes);

// Building blocks, exposed for the tests.
// The 15 format bits (level M) of a mask, with their BCH code and the 0x5412 mask.
uint32_t formatBits(int mask);
// The 18 version bits (versions 7 and up) with their BCH code.
uint32_t versionBits(int version);
// Reed-Solomon error correction codewords of `data` (GF(256), polynomial 0x11D).
std::vector<uint8_t> reedSolomon(const std::vector<uint8_t>& data, int ecCount);
// The penalty score of a finished matrix (rules N1 to N4).
int penalty(const Code& code);

}  // namespace alin::ui::qr
