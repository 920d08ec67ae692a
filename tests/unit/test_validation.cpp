// Field rules of the account form (guide §2) and the UTF-8 helpers they use.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "domain/utf8.h"
#include "domain/validation.h"
#include "i18n/catalog.h"

using namespace alin::domain;

namespace {

// Expected check result: "" means valid.
std::string keyOrEmpty(const std::optional<std::string>& r) {
    return r ? *r : std::string();
}

const std::string kLong10000(10000, 'a');

}  // namespace

// ---------------------------------------------------------------- utf8

TEST_CASE("utf8: decoding and validity") {
    struct Case {
        const char* name;
        std::string bytes;
        bool valid;
        std::size_t codePoints;
    };
    const Case cases[] = {
        {"empty", "", true, 0},
        {"ascii", "abc", true, 3},
        {"2-byte é", "\xC3\xA9", true, 1},
        {"3-byte €", "\xE2\x82\xAC", true, 1},
        {"4-byte emoji", "\xF0\x9F\x98\x80", true, 1},
        {"Éléphant1", "\xC3\x89l\xC3\xA9phant1", true, 9},
        {"stray continuation", "\x80", false, 1},
        {"truncated 2-byte", "\xC3", false, 1},
        {"truncated 3-byte then ascii",
         "\xE2\x82"
         "a",
         false, 3},
        {"overlong slash", "\xC0\xAF", false, 2},
        {"overlong 3-byte", "\xE0\x80\xAF", false, 3},
        {"surrogate", "\xED\xA0\x80", false, 3},
        {"above U+10FFFF", "\xF4\x90\x80\x80", false, 4},
        {"byte FF",
         "a\xFF"
         "b",
         false, 3},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CHECK(utf8::isValid(c.bytes) == c.valid);
        CHECK(utf8::codePointCount(c.bytes) == c.codePoints);
    }
    const utf8::Decoded d = utf8::decodeAt("\xE2\x82\xAC", 0);
    CHECK(d.valid);
    CHECK(d.cp == 0x20AC);
    CHECK(d.length == 3);
    const utf8::Decoded bad = utf8::decodeAt("\xE2\x82", 0);
    CHECK_FALSE(bad.valid);
    CHECK(bad.length == 1);
    CHECK(bad.cp == utf8::kReplacement);
}

TEST_CASE("utf8: append round-trips") {
    const char32_t cps[] = {U'a', 0xE9, 0x20AC, 0x1F600, 0x10FFFF};
    for (char32_t cp : cps) {
        CAPTURE(static_cast<unsigned>(cp));
        std::string s;
        utf8::append(s, cp);
        const utf8::Decoded d = utf8::decodeAt(s, 0);
        CHECK(d.valid);
        CHECK(d.cp == cp);
        CHECK(d.length == s.size());
    }
    std::string s;
    utf8::append(s, 0xD800);  // surrogate: not encodable
    CHECK(s == "\xEF\xBF\xBD");
}

TEST_CASE("utf8: letter classification") {
    using LC = utf8::LetterCase;
    struct Case {
        char32_t cp;
        LC expected;
    };
    const Case cases[] = {
        {U'A', LC::Upper},
        {U'z', LC::Lower},
        {U'0', LC::NotLetter},
        {U'-', LC::NotLetter},
        {U' ', LC::NotLetter},
        {0xC9, LC::Upper},         // É
        {0xE9, LC::Lower},         // é
        {0xD7, LC::NotLetter},     // ×
        {0xF7, LC::NotLetter},     // ÷
        {0xDF, LC::Lower},         // ß
        {0xD8, LC::Upper},         // Ø
        {0xE5, LC::Lower},         // å
        {0x152, LC::Upper},        // Œ
        {0x153, LC::Lower},        // œ
        {0x139, LC::Upper},        // Ĺ (odd upper run)
        {0x13A, LC::Lower},        // ĺ
        {0x178, LC::Upper},        // Ÿ
        {0x17F, LC::Lower},        // ſ
        {0x1C5, LC::Upper},        // ǅ title case counts as upper
        {0x1CD, LC::Upper},        // Ǎ
        {0x1CE, LC::Lower},        // ǎ
        {0x218, LC::Upper},        // Ș
        {0x219, LC::Lower},        // ș
        {0x1EC4, LC::Upper},       // Ễ
        {0x1EC5, LC::Lower},       // ễ (Nguyễn)
        {0x391, LC::Upper},        // Α
        {0x3C9, LC::Lower},        // ω
        {0x3A2, LC::NotLetter},    // unassigned in Greek
        {0x410, LC::Upper},        // А
        {0x44F, LC::Lower},        // я
        {0x401, LC::Upper},        // Ё
        {0x451, LC::Lower},        // ё
        {0x482, LC::NotLetter},    // ҂ Cyrillic thousands sign
        {0x5D0, LC::Caseless},     // א
        {0x627, LC::Caseless},     // ا
        {0x660, LC::NotLetter},    // Arabic-Indic digit zero
        {0x4E00, LC::Caseless},    // 一
        {0x674E, LC::Caseless},    // 李
        {0xAC00, LC::Caseless},    // 가
        {0x3042, LC::Caseless},    // あ
        {0x20AC, LC::NotLetter},   // €
        {0x1F600, LC::NotLetter},  // 😀
        {0x2019, LC::NotLetter},   // ’
        {utf8::kReplacement, LC::NotLetter},
    };
    for (const Case& c : cases) {
        CAPTURE(static_cast<unsigned>(c.cp));
        CHECK(utf8::letterCase(c.cp) == c.expected);
    }
    CHECK(utf8::isCombiningMark(0x301));
    CHECK_FALSE(utf8::isCombiningMark(U'e'));
}

TEST_CASE("utf8: trim") {
    struct Case {
        std::string in, out;
    };
    const Case cases[] = {
        {"", ""},
        {"   ", ""},
        {" a ", "a"},
        {"\t a b \n", "a b"},
        {"\xC2\xA0"
         "a\xC2\xA0",
         "a"},  // no-break spaces
        {"\xE2\x80\xAF"
         "a",
         "a"},               // narrow no-break space
        {" \xC3 ", "\xC3"},  // malformed byte kept, not split
        {"\xC2 ", "\xC2"},   // lead byte of a NBSP without its tail
    };
    for (const Case& c : cases) {
        CAPTURE(c.in);
        CHECK(std::string(utf8::trim(c.in)) == c.out);
    }
}

// ---------------------------------------------------------------- names

TEST_CASE("checkName: table") {
    struct Case {
        std::string input;
        const char* expected;  // "" = valid
    };
    const Case cases[] = {
        {"Jean", ""},
        {"Jean-Édouard", ""},
        {"N'Diaye", ""},
        {"D\xE2\x80\x99"
         "Artagnan",
         ""},  // D’Artagnan
        {"Ødegård", ""},
        {"Зоя", ""},
        {"李", ""},
        {"Nguyễn", ""},
        {"Σωκράτης", ""},
        {"Marie Claire", ""},
        {"  Marie   Claire  ", ""},  // trimmed and collapsed
        {"Le Bihan-Kergoat", ""},
        {"Je\xCC\x81ro\xCC\x82me", ""},  // decomposed accents (NFD)
        {"\xC5\x92"
         "dipe",
         ""},  // Œdipe
        {"a", ""},
        {"J3an", "error.name.invalid"},
        {"Jean!", "error.name.invalid"},
        {"Jean\xF0\x9F\x98\x80", "error.name.invalid"},  // emoji
        {"\xF0\x9F\x98\x80", "error.name.invalid"},
        {"Jean.", "error.name.invalid"},
        {"Jean_Pierre", "error.name.invalid"},
        {"-Jean", "error.name.invalid"},
        {"Jean-", "error.name.invalid"},
        {"'Jean", "error.name.invalid"},
        {"Jean'", "error.name.invalid"},
        {"Jean--Pierre", "error.name.invalid"},
        {"Jean - Pierre", "error.name.invalid"},
        {"N''Diaye", "error.name.invalid"},
        {"\xCC\x81"
         "a",
         "error.name.invalid"},              // combining mark first
        {"Jean\xFF", "error.name.invalid"},  // invalid UTF-8
        {"\xC3", "error.name.invalid"},      // truncated sequence
        {"", "error.name.required"},
        {"   ", "error.name.required"},
        {"\t\xC2\xA0 ", "error.name.required"},
        {std::string(80, 'a'), ""},
        {std::string(81, 'a'), "error.name.too_long"},
        {kLong10000, "error.name.too_long"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        CHECK(keyOrEmpty(checkName(c.input)) == c.expected);
    }
}

TEST_CASE("checkName: length counts code points, not bytes") {
    std::string eighty;
    for (int i = 0; i < 80; ++i) eighty += "é";  // 160 bytes
    CHECK_FALSE(checkName(eighty).has_value());
    CHECK(keyOrEmpty(checkName(eighty + "é")) == "error.name.too_long");
}

TEST_CASE("normalizeName: trims and collapses spaces") {
    struct Case {
        std::string in, out;
    };
    const Case cases[] = {
        {"Jean", "Jean"},
        {"  Jean  ", "Jean"},
        {"Marie \t  Claire", "Marie Claire"},
        {"Marie\xC2\xA0"
         "Claire",
         "Marie Claire"},
        {"", ""},
        {"   ", ""},
        {"Jean\xFF", "Jean\xFF"},  // malformed bytes kept, no crash
    };
    for (const Case& c : cases) {
        CAPTURE(c.in);
        CHECK(normalizeName(c.in) == c.out);
    }
}

// ---------------------------------------------------------------- phone

TEST_CASE("mobile phone: table") {
    struct Case {
        std::string input;
        const char* check;       // "" = valid
        const char* normalized;  // "" = nullopt
    };
    const Case cases[] = {
        {"06 04 50 57 92", "", "+33604505792"},
        {"0604505792", "", "+33604505792"},
        {"07 12 34 56 78", "", "+33712345678"},
        {"06.04.50.57.92", "", "+33604505792"},
        {"06-04-50-57-92", "", "+33604505792"},
        {"(06) 04 50 57 92", "", "+33604505792"},
        {"+33 6 04 50 57 92", "", "+33604505792"},
        {"+33604505792", "", "+33604505792"},
        {"+33 (0)6 04 50 57 92", "", "+33604505792"},
        {"+33 06 04 50 57 92", "", "+33604505792"},
        {"0033604505792", "", "+33604505792"},
        {"0033 (0)7 12 34 56 78", "", "+33712345678"},
        {"  06 04 50 57 92  ", "", "+33604505792"},
        {"06\xC2\xA0"
         "04\xC2\xA0"
         "50\xC2\xA0"
         "57\xC2\xA0"
         "92",
         "", "+33604505792"},
        {"01 23 45 67 89", "error.phone.landline", ""},
        {"02 23 45 67 89", "error.phone.landline", ""},
        {"03 23 45 67 89", "error.phone.landline", ""},
        {"04 23 45 67 89", "error.phone.landline", ""},
        {"05 23 45 67 89", "error.phone.landline", ""},
        {"09 23 45 67 89", "error.phone.landline", ""},
        {"+33 1 23 45 67 89", "error.phone.landline", ""},
        {"08 00 12 34 56", "error.phone.invalid", ""},
        {"00 12 34 56 78", "error.phone.invalid", ""},
        {"06 04 50 57 9", "error.phone.invalid", ""},    // 9 digits
        {"06 04 50 57 921", "error.phone.invalid", ""},  // 11 digits
        {"6 04 50 57 92", "error.phone.invalid", ""},
        {"+44 7911 123456", "error.phone.invalid", ""},
        {"+33 6 04 50 57 9", "error.phone.invalid", ""},
        {"06 04 50 57 9a", "error.phone.invalid", ""},
        {"06+04505792", "error.phone.invalid", ""},
        {"++33604505792", "error.phone.invalid", ""},
        {"0６04505792", "error.phone.invalid", ""},  // full-width digit
        {"06 04 50 57 92\xFF", "error.phone.invalid", ""},
        {"()", "error.phone.invalid", ""},
        {"\xF0\x9F\x93\x9E", "error.phone.invalid", ""},
        {kLong10000, "error.phone.invalid", ""},
        {std::string(10000, '6'), "error.phone.invalid", ""},
        {"", "error.phone.required", ""},
        {"   ", "error.phone.required", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        CHECK(keyOrEmpty(checkMobilePhone(c.input)) == c.check);
        CHECK(normalizeMobilePhone(c.input).value_or("") == c.normalized);
    }
}

TEST_CASE("formatFrenchPhone") {
    struct Case {
        std::string in, out;
    };
    const Case cases[] = {
        {"+33604505792", "06 04 50 57 92"},
        {"+33712345678", "07 12 34 56 78"},
        {"+33123456789", "01 23 45 67 89"},
        {"0604505792", "06 04 50 57 92"},
        {"not a phone", "not a phone"},  // unchanged
        {"", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.in);
        CHECK(formatFrenchPhone(c.in) == c.out);
    }
}

// ---------------------------------------------------------------- e-mail

TEST_CASE("checkEmail: table") {
    struct Case {
        std::string input;
        const char* expected;  // "" = valid
    };
    const std::string label63(63, 'a');
    const Case cases[] = {
        {"jean.dupont@example.fr", ""},
        {"Jean.Dupont@Example.FR", ""},
        {"  jean@example.fr  ", ""},
        {"jean+alin@mail.example.com", ""},
        {"o'neil@example.ie", ""},
        {"jean_d%x-y@sub-domain.example.org", ""},
        {"a@b.co", ""},
        {"j@" + label63 + ".fr", ""},
        {"", "error.email.required"},
        {"   ", "error.email.required"},
        {"jean", "error.email.invalid"},
        {"jean@", "error.email.invalid"},
        {"@example.fr", "error.email.invalid"},
        {"jean@@example.fr", "error.email.invalid"},
        {"jean@ex@ample.fr", "error.email.invalid"},
        {"jean dupont@example.fr", "error.email.invalid"},
        {".jean@example.fr", "error.email.invalid"},
        {"jean.@example.fr", "error.email.invalid"},
        {"jean..dupont@example.fr", "error.email.invalid"},
        {"jean@example", "error.email.invalid"},
        {"jean@example.f", "error.email.invalid"},
        {"jean@example.f1", "error.email.invalid"},
        {"jean@example..fr", "error.email.invalid"},
        {"jean@.example.fr", "error.email.invalid"},
        {"jean@example.fr.", "error.email.invalid"},
        {"jean@-example.fr", "error.email.invalid"},
        {"jean@example-.fr", "error.email.invalid"},
        {"jean@exa_mple.fr", "error.email.invalid"},
        {"j@" + label63 + "a.fr", "error.email.invalid"},  // 64-character label
        {"jérôme@example.fr", "error.email.invalid"},      // non-ASCII local part
        {"jean@exémple.fr", "error.email.invalid"},
        {"jean\xFF@example.fr", "error.email.invalid"},
        {"jean!@example.fr", "error.email.invalid"},
        {"jean\xF0\x9F\x98\x80@example.fr", "error.email.invalid"},
        {std::string(64, 'a') + "@example.fr", ""},
        {std::string(65, 'a') + "@example.fr", "error.email.too_long"},
        {kLong10000, "error.email.too_long"},
        {kLong10000 + "@example.fr", "error.email.too_long"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        CHECK(keyOrEmpty(checkEmail(c.input)) == c.expected);
    }
}

TEST_CASE("checkEmail: 254 characters is the limit") {
    // local (64) + '@' + domain: labels of 63 joined by dots, ending with ".fr".
    std::string local(64, 'a');
    auto domainOfLength = [](std::size_t n) {
        // "x...x.fr" split into labels of at most 63 characters.
        std::string body(n - 3, 'b');
        for (std::size_t i = 63; i < body.size(); i += 64) body[i] = '.';
        if (body.back() == '.') body.back() = 'c';
        return body + ".fr";
    };
    const std::string at254 = local + "@" + domainOfLength(254 - 65);
    const std::string at255 = local + "@" + domainOfLength(255 - 65);
    REQUIRE(at254.size() == 254);
    REQUIRE(at255.size() == 255);
    CHECK_FALSE(checkEmail(at254).has_value());
    CHECK(keyOrEmpty(checkEmail(at255)) == "error.email.too_long");
}

TEST_CASE("normalizeEmail: trims and lower-cases") {
    CHECK(normalizeEmail("  Jean.Dupont@Example.FR ") == "jean.dupont@example.fr");
    CHECK(normalizeEmail("\xC2\xA0"
                         "A@B.FR") == "a@b.fr");
    CHECK(normalizeEmail("") == "");
    CHECK(normalizeEmail("JÉRÔME@X.FR") == "jÉrÔme@x.fr");  // ASCII folding only
}

// ---------------------------------------------------------------- catalogue

TEST_CASE("every validation key has a French text") {
    const char* keys[] = {
        "error.name.required",  "error.name.invalid",  "error.name.too_long",
        "error.phone.required", "error.phone.invalid", "error.phone.landline",
        "error.email.required", "error.email.invalid", "error.email.too_long",
    };
    for (const char* key : keys) {
        CAPTURE(key);
        CHECK(std::string_view(tr(key)) != key);
    }
    CHECK(std::string_view(tr("error.phone.landline")) == "Ce numéro n'est pas un numéro de portable (06 ou 07).");
}
