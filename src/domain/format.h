// French formatting: 1 234,56 €, 26/11/2026. Pure functions.
#pragma once
#include <cstdint>
#include <string>

namespace alin::domain {

// Thousands separated by a narrow no-break space (U+202F is not in our font;
// U+00A0 no-break space is used), decimal comma.
std::string formatNumber(double value, int decimals = 0);
std::string formatEuros(double value, int decimals = 2);  // "1 234,56 €"
std::string formatEurosRounded(double value);             // "1 235 €"
// Unix seconds (UTC) -> "26/11/2026"
std::string formatDate(int64_t unixSeconds);
// Unix seconds (UTC) -> "26/11/2026 à 14:05"
std::string formatDateTime(int64_t unixSeconds);

}  // namespace alin::domain
