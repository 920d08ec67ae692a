#include "domain/password_policy.h"

#include <cstddef>

#include "domain/utf8.h"

namespace alin::domain {
namespace {

constexpr std::size_t kMinCodePoints = 8;

char asciiLower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsAsciiFold(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (asciiLower(a[i]) != asciiLower(b[i])) return false;
    return true;
}

void set(PasswordCheck& c, PasswordRule r, bool value) {
    c.satisfied[static_cast<int>(r)] = value;
}

}  // namespace

bool PasswordCheck::ok() const {
    if (tooLong) return false;
    for (bool s : satisfied)
        if (!s) return false;
    return true;
}

PasswordCheck checkPassword(std::string_view password, std::string_view confirmation, std::string_view userName) {
    PasswordCheck check;
    check.tooLong = password.size() > static_cast<std::size_t>(kPasswordMaxBytes);

    // One pass; malformed bytes count as one code point each and are neither
    // digits nor letters.
    std::size_t codePoints = 0;
    bool digit = false, upper = false, lower = false;
    for (std::size_t i = 0; i < password.size(); ++codePoints) {
        const utf8::Decoded d = utf8::decodeAt(password, i);
        i += d.length;
        if (!d.valid) continue;
        if (d.cp >= '0' && d.cp <= '9') {
            digit = true;
        } else {
            const utf8::LetterCase lc = utf8::letterCase(d.cp);
            upper = upper || lc == utf8::LetterCase::Upper;
            lower = lower || lc == utf8::LetterCase::Lower;
        }
    }
    set(check, PasswordRule::MinLength, codePoints >= kMinCodePoints);
    set(check, PasswordRule::Digit, digit);
    set(check, PasswordRule::Upper, upper);
    set(check, PasswordRule::Lower, lower);
    // An empty password satisfies nothing, not even "different from the user name".
    set(check, PasswordRule::NotUserName, !password.empty() && !equalsAsciiFold(password, utf8::trim(userName)));
    set(check, PasswordRule::ConfirmMatches, !confirmation.empty() && confirmation == password);
    return check;
}

const char* passwordRuleKey(PasswordRule rule) {
    switch (rule) {
        case PasswordRule::MinLength:
            return "password.rule.min_length";
        case PasswordRule::Digit:
            return "password.rule.digit";
        case PasswordRule::Upper:
            return "password.rule.upper";
        case PasswordRule::Lower:
            return "password.rule.lower";
        case PasswordRule::NotUserName:
            return "password.rule.not_username";
        case PasswordRule::ConfirmMatches:
            return "password.rule.confirm";
    }
    return "password.rule.unknown";  // out-of-range value: visible, never a crash
}

}  // namespace alin::domain
