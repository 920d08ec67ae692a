// Field rules of the account form (guide §2). Pure functions: no I/O.
// Each check returns std::nullopt when valid, else a catalogue key of the
// French error message (src/i18n/fr/errors.inc).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace alin::domain {

// Names ("Nom de naissance", "Prénom"): letters of any script (UTF-8), with
// inner spaces, hyphens and apostrophes (' and ’); 1..80 characters after
// trimming; no digits, no symbols, no emoji.
std::optional<std::string> checkName(std::string_view raw);
std::string normalizeName(std::string_view raw);  // trims and collapses spaces

// French mobile numbers: "06 04 50 57 92", "0604505792", "+33 6 04 50 57 92",
// "0033604505792", dots/dashes allowed. Mobiles are 06 and 07 only.
// Returns the E.164 form "+33604505792", or nullopt if invalid.
std::optional<std::string> normalizeMobilePhone(std::string_view raw);
std::optional<std::string> checkMobilePhone(std::string_view raw);
// "+33604505792" -> "06 04 50 57 92"
std::string formatFrenchPhone(std::string_view e164);

// E-mail: pragmatic syntax check (local@domain.tld, ASCII, no spaces, <= 254).
std::optional<std::string> checkEmail(std::string_view raw);
std::string normalizeEmail(std::string_view raw);  // trims and lower-cases

}  // namespace alin::domain
