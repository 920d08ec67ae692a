// Checks of a registry request an operator uploads (POST /api/v1/registry/requests):
// the rules themselves are the domain's (NIR key, SIRET check key, Numéro Unique).
#include "reference/registry_checks.h"

#include <algorithm>

#include "domain/nir.h"
#include "domain/numero_unique.h"
#include "domain/siret.h"

namespace alin {

std::vector<std::string> registryProblems(const RegistryRequest& r, const Geography& geo) {
    std::vector<std::string> p;
    const std::string& nu = r.numeroUnique;
    if (!domain::isNormalizedNumeroUnique(nu)) p.push_back("Numéro Unique : 18 caractères A-Z/0-9 attendus");
    if (r.requestedCommunes.empty() || r.requestedCommunes.size() > 5)
        p.push_back("de 1 à 5 communes demandées attendues");
    for (const std::string& c : r.requestedCommunes)
        if (!geo.commune(c)) p.push_back("commune demandée inconnue : " + c);
    if (!r.currentAddress.insee.empty() && !geo.commune(r.currentAddress.insee))
        p.push_back("commune de l'adresse actuelle inconnue : " + r.currentAddress.insee);
    for (int t : r.typologies)
        if (t < 1 || t > 6) p.push_back("typologie hors T1..T6");
    auto checkPerson = [&p](const RegistryPerson& x, const char* who) {
        std::string w = who;
        if (!x.nir.empty()) {
            if (!domain::isValidNir(x.nir))
                p.push_back(w + " : NIR invalide (forme ou clé)");
            else {
                if ((x.nir[0] == '2') != (x.civility == "Madame"))
                    p.push_back(w + " : NIR incohérent avec la civilité");
                if (x.birthDate.size() == 10 &&
                    (x.nir.substr(1, 2) != x.birthDate.substr(2, 2) || x.nir.substr(3, 2) != x.birthDate.substr(5, 2)))
                    p.push_back(w + " : NIR incohérent avec la date de naissance");
                if (!x.birthPlaceCode.empty() && x.nir.substr(5, 5) != x.birthPlaceCode)
                    p.push_back(w + " : NIR incohérent avec le lieu de naissance");
            }
        }
        if (!x.employerSiret.empty() && !domain::isValidSiret(x.employerSiret)) p.push_back(w + " : SIRET invalide");
    };
    checkPerson(r.applicant, "demandeur");
    if (r.coApplicant) checkPerson(*r.coApplicant, "co-demandeur");
    return p;
}

}  // namespace alin
