// The reference data the request-file use cases (and the offer search) need:
// the French geography, the income ceilings, the registration sites and the
// typology rules. Portable (native and wasm), no I/O: the server reads the files
// (build-assets/geo/geo.bin, assets/data/income_ceilings.json,
// registration_sites.json, typologies.json under its data root) and the browser
// demo passes the fetched bytes.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "domain/dates.h"
#include "domain/eligibility.h"
#include "domain/numero_unique.h"
#include "reference/geography.h"
#include "storage/storage.h"

namespace alin {

// A data file is missing pieces or malformed; the message names the file and
// says why, in English, for the operator.
struct ServiceDataError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ServiceData {
    Geography geography;
    domain::IncomeCeilings ceilings;  // the most recent year of the file
    // Every year: the figures valid on the day apply (ceilingsOn).
    domain::IncomeCeilingsHistory ceilingsHistory;
    const domain::IncomeCeilings& ceilingsOn(const domain::CivilDate& day) const {
        return ceilingsHistory.years.empty() ? ceilings : ceilingsHistory.validIn(day.year);
    }
    domain::RegistrationSites sites;
    domain::TypologyRules typologies;
    // The eligibility rules: typologies above, rent-effort threshold from the
    // rules data (income_ceilings.json "rentEffort"; default 33 %).
    domain::EligibilityRules rules;
};

// Parses the four files' content. typologiesJson may be empty (the guide's
// table is then used). Throws ServiceDataError.
ServiceData loadServiceData(std::string_view geoBin, std::string_view ceilingsJson, std::string_view sitesJson,
                            std::string_view typologiesJson);

// On the first start (no registry request stored yet), stores the stand-in
// registry: generateRegistry(geo)'s 240 requests, the guide's two examples
// first. Returns how many were stored (0 when the registry was not empty).
std::int64_t seedRegistryIfEmpty(Storage& storage, const Geography& geo, std::int64_t now = 0);

}  // namespace alin
