// Password rules of the guide (§2): the client's live checklist and the server
// share this code.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "domain/password_policy.h"
#include "i18n/catalog.h"

using namespace alin::domain;

namespace {

constexpr std::string_view kUser = "jean.dupont@example.fr";

// Expected rule flags in PasswordRule order: length, digit, upper, lower,
// not-user-name (confirmation is tested separately and set equal here).
struct Expect {
    bool minLength, digit, upper, lower, notUserName;
};

void checkRules(const PasswordCheck& c, const Expect& e) {
    CHECK(c.holds(PasswordRule::MinLength) == e.minLength);
    CHECK(c.holds(PasswordRule::Digit) == e.digit);
    CHECK(c.holds(PasswordRule::Upper) == e.upper);
    CHECK(c.holds(PasswordRule::Lower) == e.lower);
    CHECK(c.holds(PasswordRule::NotUserName) == e.notUserName);
}

}  // namespace

TEST_CASE("password rules: table") {
    struct Case {
        std::string password;
        Expect expect;
        bool ok;
    };
    const Case cases[] = {
        // 7 and 8 characters
        {"Abcdef1", {false, true, true, true, true}, false},
        {"Abcdefg1", {true, true, true, true, true}, true},
        {"Abcdefgh1", {true, true, true, true, true}, true},
        // one class missing each time
        {"abcdefg1", {true, true, false, true, true}, false},
        {"ABCDEFG1", {true, true, true, false, true}, false},
        {"Abcdefgh", {true, false, true, true, true}, false},
        {"12345678", {true, true, false, false, true}, false},
        // accents: É upper, é lower; length in code points
        {"Éléphant1", {true, true, true, true, true}, true},
        {"éléphant1", {true, true, false, true, true}, false},
        {"ÉLÉPHANT1", {true, true, true, false, true}, false},
        {"Élé1ph", {false, true, true, true, true}, false},    // 6 code points, 8 bytes
        {"Éléphan", {false, false, true, true, true}, false},  // 7 code points, 9 bytes
        {"Œuvre-d'art9", {true, true, true, true, true}, true},
        // non-Latin letters with case
        {"Пароль123", {true, true, true, true, true}, true},
        {"пароль123", {true, true, false, true, true}, false},
        {"Σύνθημα12", {true, true, true, true, true}, true},
        // caseless letters count for neither case
        {"李李李李李李李1", {true, true, false, false, true}, false},
        // spaces are characters
        {"Ab 1 cd e", {true, true, true, true, true}, true},
        {"        ", {true, false, false, false, true}, false},
        // emoji: one code point each, neither letter nor digit
        {"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
         "Ab1x",
         {true, true, true, true, true},
         true},
        {"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
         "Ab1x",
         {false, true, true, true, true},
         false},
        // non-ASCII digits are not digits
        {"Abcdefg\xD9\xA1", {true, false, true, true, true}, false},  // Arabic-Indic one
        // empty
        {"", {false, false, false, false, false}, false},
        // user name, case-insensitively
        {"jean.dupont@example.fr", {true, false, false, true, false}, false},
        {"Jean.Dupont@Example.FR", {true, false, true, true, false}, false},
        {"Jean.Dupont@Example.FR1", {true, true, true, true, true}, true},
        // invalid UTF-8: every malformed byte is one code point, no crash
        {"Ab1\xFF\xFF\xFF\xFF\xFF", {true, true, true, true, true}, true},
        {"Ab1\xFF\xFF\xFF\xFF", {false, true, true, true, true}, false},
        {"\xC3\xC3\xC3\xC3\xC3\xC3\xC3\xC3", {true, false, false, false, true}, false},
        {"\xE2\x82"
         "Abcde1",
         {true, true, true, true, true},
         true},  // truncated €: 2 bytes, 2 cps
        {"\xED\xA0\x80"
         "Abcd1",
         {true, true, true, true, true},
         true},  // surrogate: 3 cps
    };
    for (const Case& c : cases) {
        CAPTURE(c.password);
        const PasswordCheck check = checkPassword(c.password, c.password, kUser);
        checkRules(check, c.expect);
        CHECK(check.holds(PasswordRule::ConfirmMatches) == !c.password.empty());
        CHECK_FALSE(check.tooLong);
        CHECK(check.ok() == c.ok);
    }
}

TEST_CASE("password rules: user name") {
    struct Case {
        std::string password, userName;
        bool notUserName;
    };
    const Case cases[] = {
        {"Jean.Dupont@Example.fr", "jean.dupont@example.fr", false},
        {"jean.dupont@example.fr", "  JEAN.DUPONT@EXAMPLE.FR  ", false},  // user name trimmed
        {" jean.dupont@example.fr", "jean.dupont@example.fr", true},      // password not trimmed
        {"jean.dupont@example.f", "jean.dupont@example.fr", true},
        {"Abcdefg1", "", true},
        {"", "", false},  // empty user name: holds only with a password
        {"", "jean.dupont@example.fr", false},
        {"Élise2024@x.fr", "élise2024@x.fr", true},  // ASCII folding only: É != é
        {"Élise2024@x.fr", "Élise2024@X.FR", false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.password);
        CAPTURE(c.userName);
        CHECK(checkPassword(c.password, c.password, c.userName).holds(PasswordRule::NotUserName) == c.notUserName);
    }
}

TEST_CASE("password rules: confirmation") {
    struct Case {
        std::string password, confirmation;
        bool matches;
    };
    const Case cases[] = {
        {"Abcdefg1", "Abcdefg1", true},   {"Abcdefg1", "abcdefg1", false},                   // case matters
        {"Abcdefg1", "Abcdefg1 ", false},                                                    // no trimming
        {"Abcdefg1", "", false},          {"", "", false},                                   // empty never matches
        {"Éléphant1", "Éléphant1", true}, {"E\xCC\x81l\xC3\xA9phant1", "Éléphant1", false},  // NFD vs NFC: bytes differ
        {"Ab1\xFF", "Ab1\xFF", true},     {"Ab1\xFF", "Ab1\xFE", false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.password);
        CAPTURE(c.confirmation);
        const PasswordCheck check = checkPassword(c.password, c.confirmation, kUser);
        CHECK(check.holds(PasswordRule::ConfirmMatches) == c.matches);
    }
    // All other rules hold: ok() depends on the confirmation alone.
    CHECK(checkPassword("Abcdefg1", "Abcdefg1", kUser).ok());
    CHECK_FALSE(checkPassword("Abcdefg1", "Abcdefg2", kUser).ok());
}

TEST_CASE("password rules: maximum length") {
    struct Case {
        std::size_t bytes;
        bool tooLong;
    };
    const Case cases[] = {{1023, false}, {1024, false}, {1025, true}, {10000, true}};
    for (const Case& c : cases) {
        CAPTURE(c.bytes);
        std::string password = "Ab1";
        password.append(c.bytes - password.size(), 'x');
        REQUIRE(password.size() == c.bytes);
        const PasswordCheck check = checkPassword(password, password, kUser);
        CHECK(check.tooLong == c.tooLong);
        CHECK(check.ok() == !c.tooLong);
        // The rules are still computed for a too long password.
        CHECK(check.holds(PasswordRule::MinLength));
        CHECK(check.holds(PasswordRule::Digit));
        CHECK(check.holds(PasswordRule::ConfirmMatches));
    }
    // The limit is in bytes: 513 'é' are 1026 bytes.
    std::string accented;
    for (int i = 0; i < 513; ++i) accented += "é";
    accented += "A1";
    CHECK(checkPassword(accented, accented, kUser).tooLong);
}

TEST_CASE("password rules: ok() needs every rule") {
    const PasswordCheck good = checkPassword("Abcdefg1", "Abcdefg1", kUser);
    REQUIRE(good.ok());
    for (int r = 0; r < kPasswordRuleCount; ++r) {
        CAPTURE(r);
        PasswordCheck c = good;
        c.satisfied[r] = false;
        CHECK_FALSE(c.ok());
    }
    PasswordCheck tooLong = good;
    tooLong.tooLong = true;
    CHECK_FALSE(tooLong.ok());
    CHECK_FALSE(PasswordCheck{}.ok());
}

TEST_CASE("password rules: catalogue keys and labels") {
    struct Case {
        PasswordRule rule;
        const char* key;
        const char* label;
    };
    const Case cases[] = {
        {PasswordRule::MinLength, "password.rule.min_length", "Au moins 8\u00A0caractères"},
        {PasswordRule::Digit, "password.rule.digit", "Au moins 1 chiffre"},
        {PasswordRule::Upper, "password.rule.upper", "Au moins 1 lettre en majuscule"},
        {PasswordRule::Lower, "password.rule.lower", "Au moins 1 lettre en minuscule"},
        {PasswordRule::NotUserName, "password.rule.not_username",
         "Différent de votre nom d'utilisateur (votre adresse e-mail)"},
        {PasswordRule::ConfirmMatches, "password.rule.confirm", "Confirmation identique"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.key);
        CHECK(std::string_view(passwordRuleKey(c.rule)) == c.key);
        CHECK(std::string_view(tr(c.key)) == c.label);
    }
    for (const char* key : {"error.password.too_long", "error.password.rules"}) {
        CAPTURE(key);
        CHECK(std::string_view(tr(key)) != key);
    }
}
