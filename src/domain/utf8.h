// Minimal UTF-8 decoding and letter classification for the field rules.
// Pure functions, no locale: behaves identically natively and in wasm.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace alin::domain::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

struct Decoded {
    char32_t cp = kReplacement;  // kReplacement when !valid
    std::size_t length = 1;      // bytes consumed, always >= 1
    bool valid = false;
};

// Decodes the code point starting at s[pos] (pos < s.size()). Malformed input
// (stray continuation byte, truncated sequence, overlong form, surrogate,
// value above U+10FFFF) yields {kReplacement, 1, false}: exactly one byte is
// consumed, so a loop always progresses.
Decoded decodeAt(std::string_view s, std::size_t pos);

bool isValid(std::string_view s);
// Number of code points; every malformed byte counts as one.
std::size_t codePointCount(std::string_view s);
// Appends the UTF-8 encoding of cp (invalid values are written as U+FFFD).
void append(std::string& out, char32_t cp);

enum class LetterCase : std::uint8_t { NotLetter, Upper, Lower, Caseless };

// Covered: ASCII, Latin-1 Supplement, Latin Extended-A/B, Latin Extended
// Additional (Vietnamese), Greek and Coptic, Cyrillic (with case; title-case
// digraphs count as upper); Armenian, Hebrew, Arabic, Devanagari, Thai,
// Georgian, Hangul, kana and CJK ideographs as letters without case.
// Anything else (digits, symbols, punctuation, emoji) is NotLetter.
LetterCase letterCase(char32_t cp);
inline bool isLetter(char32_t cp) {
    return letterCase(cp) != LetterCase::NotLetter;
}
inline bool isUpper(char32_t cp) {
    return letterCase(cp) == LetterCase::Upper;
}
inline bool isLower(char32_t cp) {
    return letterCase(cp) == LetterCase::Lower;
}
// Combining marks that may follow a letter (decomposed accents, Hebrew and
// Arabic points, Devanagari and Thai vowel signs, kana voicing marks).
bool isCombiningMark(char32_t cp);
// ASCII white space and the no-break spaces (U+00A0, U+2007, U+202F).
bool isSpace(char32_t cp);

// s without leading and trailing isSpace() code points.
std::string_view trim(std::string_view s);

}  // namespace alin::domain::utf8
