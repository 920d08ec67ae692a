#include "domain/utf8.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace alin::domain::utf8 {

Decoded decodeAt(std::string_view s, std::size_t pos) {
    const Decoded invalid{};
    if (pos >= s.size()) return invalid;
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) return {b0, 1, true};

    std::size_t len;
    char32_t cp;
    char32_t min;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        cp = b0 & 0x1F;
        min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        cp = b0 & 0x0F;
        min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        cp = b0 & 0x07;
        min = 0x10000;
    } else {
        return invalid;  // continuation byte, C0/C1 overlong lead, F5..FF
    }
    if (s.size() - pos < len) return invalid;
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + i]);
        if ((b & 0xC0) != 0x80) return invalid;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return invalid;
    return {cp, len, true};
}

bool isValid(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const Decoded d = decodeAt(s, i);
        if (!d.valid) return false;
        i += d.length;
    }
    return true;
}

std::size_t codePointCount(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) i += decodeAt(s, i).length;
    return n;
}

void append(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

namespace {

// Range kinds: U upper, L lower, N letter without case, E alternating pairs with
// the even code point upper-case (Ā ā), O alternating with the odd one upper-case.
enum Kind : std::uint8_t { U, L, N, E, O };

struct Range {
    char32_t first, last;
    Kind kind;
};

// Sorted, non-overlapping. The cased part (U+00AA..U+04FF, U+1E00..U+1EFF) was
// generated from the Unicode 14 general categories (Lu/Lt -> U, Ll -> L,
// Lo/Lm -> N); the other scripts list their main letter ranges only.
constexpr Range kLetters[] = {
    {0x00AA, 0x00AA, N}, {0x00B5, 0x00B5, L}, {0x00BA, 0x00BA, N}, {0x00C0, 0x00D6, U}, {0x00D8, 0x00DE, U},
    {0x00DF, 0x00F6, L}, {0x00F8, 0x00FF, L}, {0x0100, 0x0137, E}, {0x0138, 0x0148, O}, {0x0149, 0x0178, E},
    {0x0179, 0x017E, O}, {0x017F, 0x0180, L}, {0x0181, 0x0182, U}, {0x0183, 0x0186, E}, {0x0187, 0x0189, O},
    {0x018A, 0x018B, U}, {0x018C, 0x018D, L}, {0x018E, 0x0191, U}, {0x0192, 0x0193, O}, {0x0194, 0x0196, E},
    {0x0197, 0x0198, U}, {0x0199, 0x019B, L}, {0x019C, 0x019D, U}, {0x019E, 0x019F, O}, {0x01A0, 0x01A6, E},
    {0x01A7, 0x01AA, O}, {0x01AB, 0x01AE, E}, {0x01AF, 0x01B1, O}, {0x01B2, 0x01B3, U}, {0x01B4, 0x01B7, O},
    {0x01B8, 0x01B9, E}, {0x01BA, 0x01BA, L}, {0x01BB, 0x01BB, N}, {0x01BC, 0x01BD, E}, {0x01BE, 0x01BF, L},
    {0x01C0, 0x01C3, N}, {0x01C4, 0x01C5, U}, {0x01C6, 0x01C7, O}, {0x01C8, 0x01CA, E}, {0x01CB, 0x01DC, O},
    {0x01DD, 0x01EF, E}, {0x01F0, 0x01F1, O}, {0x01F2, 0x01F6, E}, {0x01F7, 0x01F8, U}, {0x01F9, 0x0233, E},
    {0x0234, 0x0239, L}, {0x023A, 0x023B, U}, {0x023C, 0x023D, O}, {0x023E, 0x023F, E}, {0x0240, 0x0243, O},
    {0x0244, 0x0246, U}, {0x0247, 0x024F, E}, {0x0370, 0x0373, E}, {0x0376, 0x0377, E}, {0x037A, 0x037A, N},
    {0x037B, 0x037D, L}, {0x037F, 0x037F, U}, {0x0386, 0x0386, U}, {0x0388, 0x038A, U}, {0x038C, 0x038C, U},
    {0x038E, 0x038F, U}, {0x0390, 0x0391, O}, {0x0392, 0x03A1, U}, {0x03A3, 0x03AB, U}, {0x03AC, 0x03CE, L},
    {0x03CF, 0x03D0, O}, {0x03D1, 0x03D2, E}, {0x03D3, 0x03D4, U}, {0x03D5, 0x03D7, L}, {0x03D8, 0x03EF, E},
    {0x03F0, 0x03F3, L}, {0x03F4, 0x03F5, E}, {0x03F7, 0x03F9, O}, {0x03FA, 0x03FB, E}, {0x03FC, 0x03FD, O},
    {0x03FE, 0x03FF, U}, {0x0400, 0x042F, U}, {0x0430, 0x045F, L}, {0x0460, 0x0481, E}, {0x048A, 0x04C0, E},
    {0x04C1, 0x04CE, O}, {0x04CF, 0x04FF, E}, {0x0531, 0x0556, N}, {0x0560, 0x0588, N}, {0x05D0, 0x05EA, N},
    {0x05EF, 0x05F2, N}, {0x0620, 0x064A, N}, {0x066E, 0x066F, N}, {0x0671, 0x06D3, N}, {0x06D5, 0x06D5, N},
    {0x0904, 0x0939, N}, {0x093D, 0x093D, N}, {0x0950, 0x0950, N}, {0x0958, 0x0961, N}, {0x0971, 0x097F, N},
    {0x0E01, 0x0E30, N}, {0x0E32, 0x0E33, N}, {0x0E40, 0x0E46, N}, {0x10A0, 0x10C5, N}, {0x10D0, 0x10FA, N},
    {0x10FC, 0x10FF, N}, {0x1100, 0x11FF, N}, {0x1E00, 0x1E95, E}, {0x1E96, 0x1E9D, L}, {0x1E9E, 0x1EFF, E},
    {0x3041, 0x3096, N}, {0x309D, 0x309F, N}, {0x30A1, 0x30FA, N}, {0x30FC, 0x30FF, N}, {0x3400, 0x4DBF, N},
    {0x4E00, 0x9FFF, N}, {0xAC00, 0xD7A3, N}, {0xF900, 0xFA6D, N}, {0xFA70, 0xFAD9, N}, {0x20000, 0x3134F, N},
};

// Combining marks accepted after a letter.
constexpr std::pair<char32_t, char32_t> kMarks[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x064B, 0x065F}, {0x0670, 0x0670}, {0x0900, 0x0903},
    {0x093A, 0x093C}, {0x093E, 0x094F}, {0x0951, 0x0957}, {0x0962, 0x0963}, {0x0E31, 0x0E31},
    {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1DC0, 0x1DFF}, {0x3099, 0x309A}, {0xFE20, 0xFE2F},
};

}  // namespace

LetterCase letterCase(char32_t cp) {
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return LetterCase::Upper;
        if (cp >= 'a' && cp <= 'z') return LetterCase::Lower;
        return LetterCase::NotLetter;
    }
    // First range whose last >= cp.
    const Range* it = std::lower_bound(std::begin(kLetters), std::end(kLetters), cp,
                                       [](const Range& r, char32_t c) { return r.last < c; });
    if (it == std::end(kLetters) || cp < it->first) return LetterCase::NotLetter;
    switch (it->kind) {
        case U:
            return LetterCase::Upper;
        case L:
            return LetterCase::Lower;
        case N:
            return LetterCase::Caseless;
        case E:
            return cp % 2 == 0 ? LetterCase::Upper : LetterCase::Lower;
        case O:
            return cp % 2 == 1 ? LetterCase::Upper : LetterCase::Lower;
    }
    return LetterCase::NotLetter;
}

bool isCombiningMark(char32_t cp) {
    for (const auto& [first, last] : kMarks)
        if (cp >= first && cp <= last) return true;
    return false;
}

bool isSpace(char32_t cp) {
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x00A0 || cp == 0x2007 || cp == 0x202F;
}

std::string_view trim(std::string_view s) {
    // Leading: decode forward.
    std::size_t begin = 0;
    while (begin < s.size()) {
        const Decoded d = decodeAt(s, begin);
        if (!d.valid || !isSpace(d.cp)) break;
        begin += d.length;
    }
    // Trailing: scan forward and remember the end of the last non-space, so
    // that malformed bytes are never split.
    std::size_t end = begin;
    for (std::size_t i = begin; i < s.size();) {
        const Decoded d = decodeAt(s, i);
        i += d.length;
        if (!d.valid || !isSpace(d.cp)) end = i;
    }
    return s.substr(begin, end - begin);
}

}  // namespace alin::domain::utf8
