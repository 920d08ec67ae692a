// SIRET of the applicant's employer (guide §3: "N° SIRET de l'employeur",
// mandatory on AL'in). Pure functions, no I/O.
//
// 14 digits: the SIREN (9 digits, the company) then the NIC (5 digits, the
// establishment). The whole number satisfies the Luhn check, except for the
// establishments of La Poste (SIREN 356 000 000), too many for the NIC to carry
// a Luhn key: there the sum of the 14 digits is a multiple of 5. La Poste's
// head office (356 000 000 00048) satisfies Luhn, so both are accepted for La Poste.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace alin::domain {

inline constexpr std::size_t kSiretLength = 14;
inline constexpr std::string_view kLaPosteSiren = "356000000";

// Removes spaces (ASCII and no-break), tabs, dots and dashes:
// "824 541 148 02432" -> "82454114802432". Other characters are kept (so that
// checkSiret refuses them).
std::string normalizeSiret(std::string_view raw);
// nullopt when valid, else the catalogue key of the error:
// "error.siret.required" (nothing typed), "error.siret.format" (not 14 digits),
// "error.siret.checksum" (14 digits that fail the check key: a typing error).
std::optional<std::string> checkSiret(std::string_view raw);
// `normalized` is 14 digits and passes the check key (Luhn, or La Poste's rule).
bool isValidSiret(std::string_view normalized);
// Luhn (mod 10) over ASCII digits; false for an empty string or any non-digit.
bool luhnValid(std::string_view digits);
// "82454114802432" -> "824 541 148 02432" (no-break spaces U+00A0); other
// input is returned unchanged.
std::string formatSiret(std::string_view normalized);

}  // namespace alin::domain
