// The user guide's two requests (registry_seed.h: guideExampleRequests), fixed:
// they depend neither on the geography nor on the seed.
#include <string>

#include "demo_data/registry_seed.h"

namespace alin {

std::vector<RegistryRequest> guideExampleRequests() {
    std::vector<RegistryRequest> out;
    {
        // §3: the imported request of Madame Anne PORTE (guide screenshots: civilité,
        // nationalité, nom, prénom, date de naissance, téléphone, employer SIRET, the
        // co-applicant Denis GIGI). The rest is invented to make a coherent household.
        // createdOn is after 20/04/2021: the guide shows her request imported afresh,
        // without the legacy re-confirmation (the Numéro Unique is "non signifiant").
        RegistryRequest r;
        r.numeroUnique = std::string(kGuideExamplePorteNu);
        r.registrationDept = "75";
        r.createdOn = "2021-09-06";
        r.renewedOn = "2026-09-03";
        RegistryPerson& a = r.applicant;
        a.civility = "Madame";
        a.lastName = a.birthName = "PORTE";
        a.firstName = "Anne";
        a.nationality = "Française";
        a.birthDate = "1989-05-19";
        a.birthPlaceCode = "75114";
        a.birthPlace = "Paris 14e Arrondissement";
        a.nir = seedWithNirKey("2890575114023");
        a.phone = "+33604505792";
        a.email = std::string(kGuideExamplePorteEmail);
        a.employment = "CDI";
        a.employerSiret = "82454114802432";
        a.employerName = "";  // the guide shows it empty: completed on AL'in (§3 panel 2)
        a.workplaceInsee = "75056";
        a.taxIncomeN2 = 24800;
        RegistryPerson c;
        c.civility = "Monsieur";
        c.lastName = c.birthName = "GIGI";
        c.firstName = "Denis";
        c.nationality = "Française";
        c.birthDate = "1987-02-11";
        c.birthPlaceCode = "69383";
        c.birthPlace = "Lyon 3e Arrondissement";
        c.nir = seedWithNirKey("1870269383117");
        c.phone = "+33639980417";
        c.email = "denis.gigi@example.fr";
        c.employment = "CDI";
        c.employerSiret = seedWithLuhnDigit("7913082750001");
        c.employerName = "";
        c.taxIncomeN2 = 21500;
        r.coApplicant = c;
        r.familySituation = "Concubinage";
        HouseholdMember child;
        child.firstName = "Léa";
        child.lastName = "GIGI";
        child.sex = "F";
        child.relation = "enfant";
        child.birthDate = "2019-03-08";
        child.dependant = true;
        r.otherMembers.push_back(child);
        r.currentAddress = {"27 rue Didot", "75014", "Paris", "75056"};
        r.currentHousing = "Locataire du parc privé";
        // Paris, Boulogne-Billancourt (both in the Métropole du Grand Paris) and
        // Versailles: the third tab ("Autres communes du département") then has the
        // Yvelines outside Versailles Grand Parc (Paris is alone in its department,
        // and every commune of 92/93/94 is in the Métropole du Grand Paris).
        r.requestedCommunes = {"75056", "92012", "78646"};
        r.typologies = {3, 4};
        r.motive = "Logement trop petit";
        r.documents = {std::string(kDocIdentity), std::string(kDocResources), std::string(kDocTaxNotices),
                       std::string(kDocMotive)};
        out.push_back(std::move(r));
    }
    {
        // §4: a request created before 20/04/2021 (NU 1110720020439G1175, July 2020).
        RegistryRequest r;
        r.numeroUnique = std::string(kGuideExampleLegacyNu);
        r.registrationDept = "93";
        r.createdOn = "2020-07-15";
        r.renewedOn = "2026-07-10";
        RegistryPerson& a = r.applicant;
        a.civility = "Monsieur";
        a.lastName = a.birthName = "MOREAU";
        a.firstName = "Julien";
        a.nationality = "Française";
        a.birthDate = "1984-11-03";
        a.birthPlaceCode = "93048";
        a.birthPlace = "Montreuil";
        a.nir = seedWithNirKey("1841193048052");
        a.phone = "+33639980001";
        a.email = std::string(kGuideExampleLegacyEmail);
        a.employment = "CDI";
        a.employerSiret = seedWithLuhnDigit("4381526090002");
        a.employerName = "Transports Urbains de l'Est Parisien";
        a.taxIncomeN2 = 24100;
        r.familySituation = "Célibataire";
        r.currentAddress = {"14 rue de Paris", "93100", "Montreuil", "93048"};
        r.currentHousing = "Hébergé chez des tiers";
        r.requestedCommunes = {"93048", "93006", "94080"};  // Montreuil, Bagnolet, Vincennes
        r.typologies = {1, 2};
        r.motive = "Sans logement propre";
        r.documents = {std::string(kDocIdentity), std::string(kDocResources), std::string(kDocTaxNotices)};
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace alin
