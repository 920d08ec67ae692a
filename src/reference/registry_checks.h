// Checks of a registry request (an operator's upload, the generated stand-in)
// against the geography and the domain's checksums.
#pragma once
#include <string>
#include <vector>

#include "reference/geography.h"
#include "reference/registry_types.h"

namespace alin {

// Problems of one request, in plain words (empty when none): unknown requested /
// current commune, NIR key or shape (domain::isValidNir), NIR inconsistent with
// civility, birth date or place, SIRET refused by domain::isValidSiret (Luhn, or
// La Poste's rule), Numéro Unique shape, 0 or more than 5 requested communes,
// typology outside T1..T6.
std::vector<std::string> registryProblems(const RegistryRequest& r, const Geography& geo);

}  // namespace alin
