// Password rules of the guide (§2), used live by the client's checklist and
// enforced by the server: the same code on both sides.
#pragma once
#include <array>
#include <string_view>

namespace alin::domain {

enum class PasswordRule {
    MinLength,       // at least 8 characters (Unicode code points)
    Digit,           // at least 1 digit
    Upper,           // at least 1 upper-case letter (accented too: É)
    Lower,           // at least 1 lower-case letter (accented too: é)
    NotUserName,     // not identical to the user name (the e-mail, case-insensitive)
    ConfirmMatches,  // confirmation identical
};
inline constexpr int kPasswordRuleCount = 6;
inline constexpr int kPasswordMaxBytes = 1024;  // longer is refused (hashing cost)

struct PasswordCheck {
    std::array<bool, kPasswordRuleCount> satisfied{};
    bool tooLong = false;
    bool ok() const;
    bool holds(PasswordRule r) const { return satisfied[static_cast<int>(r)]; }
};

PasswordCheck checkPassword(std::string_view password, std::string_view confirmation, std::string_view userName);
// Catalogue key of the rule's label ("password.rule.min_length", ...).
const char* passwordRuleKey(PasswordRule rule);

}  // namespace alin::domain
