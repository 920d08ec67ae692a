// NIR (numéro d'inscription au répertoire, the French social-security number)
// carried by imported requests. Pure functions, no I/O.
//
// 15 characters: sex (1 or 2), year (2), month (2: 01-12, or 20 and over when
// unknown), place of birth (5: department + commune, "2A"/"2B" in Corsica,
// 99 + country abroad), order number (3), then the key: 97 - (n mod 97) of the
// first 13 characters read as a number, Corsica's 2A counted as 19 and 2B as 18.
#pragma once
#include <string_view>

namespace alin::domain {

inline constexpr std::size_t kNirLength = 15;

// The key of the first 13 characters, 1..97; -1 when they are not a NIR body.
int nirKey(std::string_view first13);
// 15 characters, body well formed (sex, month), key right.
bool isValidNir(std::string_view nir);

}  // namespace alin::domain
