// Checks of a registry request an operator uploads (POST /api/v1/registry/requests):
// the rules themselves are the domain's (NIR key, SIRET check key, Numéro Unique).
#include "reference/registry_checks.h"

#include <algorithm>

#include "domain/nir.h"
#include "domain/numero_unique.h"
#include "domain/siret.h"
#include "i18n/catalog.h"

namespace alin {

std::vector<std::string> registryProblems(const RegistryRequest& r, const Geography& geo) {
    std::vector<std::string> p;
    const std::string& nu = r.numeroUnique;
    if (!domain::isNormalizedNumeroUnique(nu)) p.push_back(tr("registry.problem.nu"));
    if (r.requestedCommunes.empty() || r.requestedCommunes.size() > 5)
        p.push_back(tr("registry.problem.communes_count"));
    for (const std::string& c : r.requestedCommunes)
        if (!geo.commune(c)) p.push_back(trf("registry.problem.commune_unknown", {c}));
    if (!r.currentAddress.insee.empty() && !geo.commune(r.currentAddress.insee))
        p.push_back(trf("registry.problem.address_commune_unknown", {r.currentAddress.insee}));
    for (int t : r.typologies)
        if (t < 1 || t > 6) p.push_back(tr("registry.problem.typology"));
    auto checkPerson = [&p, &geo](const RegistryPerson& x, const std::string& w) {
        if (!x.workplaceInsee.empty() && !geo.commune(x.workplaceInsee))
            p.push_back(trf("registry.problem.workplace_unknown", {w, x.workplaceInsee}));
        if (!x.nir.empty()) {
            if (!domain::isValidNir(x.nir))
                p.push_back(trf("registry.problem.nir_invalid", {w}));
            else {
                if ((x.nir[0] == '2') != (x.civility == "Madame"))
                    p.push_back(trf("registry.problem.nir_civility", {w}));
                if (x.birthDate.size() == 10 &&
                    (x.nir.substr(1, 2) != x.birthDate.substr(2, 2) || x.nir.substr(3, 2) != x.birthDate.substr(5, 2)))
                    p.push_back(trf("registry.problem.nir_birth_date", {w}));
                if (!x.birthPlaceCode.empty() && x.nir.substr(5, 5) != x.birthPlaceCode)
                    p.push_back(trf("registry.problem.nir_birth_place", {w}));
            }
        }
        if (!x.employerSiret.empty() && !domain::isValidSiret(x.employerSiret))
            p.push_back(trf("registry.problem.siret", {w}));
    };
    checkPerson(r.applicant, tr("registry.problem.applicant"));
    if (r.coApplicant) checkPerson(*r.coApplicant, tr("registry.problem.co_applicant"));
    return p;
}

}  // namespace alin
