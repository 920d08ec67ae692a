// A social-housing request as held by a registration site (the national SNE or a
// departmental site): what AL'in imports by its Numéro Unique (guide §3 panel 1).
// Stand-in data: src/demo_data/registry_seed.* generates it; an operator can add
// requests from a JSON file (assets/data/registry_extra.example.json).
//
// Conventions: dates are ISO "YYYY-MM-DD" (they compare as strings); amounts are
// whole euros; phones are E.164 ("+33604505792"); INSEE codes are 5 characters.
// JSON (toJson / fromJson, implemented in registry_json.cpp): the same field
// names as below in camelCase; a missing or null field keeps its default, a
// field of the wrong type is an error that names it
// ("requests[1].applicant.birthDate: expected a string, got number").
// The NIR and the disability flags are sensitive (docs/domain-rules.md): never log them.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace alin {

struct RegistryParseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Guide §4: requests created before this date must re-confirm the applicant's
// identity with an e-mailed code at their first "Mettre à jour".
inline constexpr std::string_view kAlinCutoverDate = "2021-04-20";

// Supporting-document categories (guide §3 panel 3), as stored in `documents`.
inline constexpr std::string_view kDocIdentity = "identite";           // Ma situation personnelle-Identité
inline constexpr std::string_view kDocResources = "ressources";        // Ma situation personnelle-Ressources
inline constexpr std::string_view kDocTaxNotices = "avis_imposition";  // Ma situation personnelle-Avis d'imposition
inline constexpr std::string_view kDocMotive = "motif";                // Ma situation personnelle-Motif
inline constexpr std::string_view kDocumentCategories[] = {kDocIdentity, kDocResources, kDocTaxNotices, kDocMotive};

// Applicant ("demandeur") or co-applicant ("co-demandeur").
struct RegistryPerson {
    std::string civility;        // "Madame" | "Monsieur"
    std::string lastName;        // nom d'usage, as the site shows it: "PORTE"
    std::string birthName;       // nom de naissance (often = lastName)
    std::string firstName;       // "Anne"
    std::string nationality;     // "Française", "Portugaise", ...
    std::string birthDate;       // "1989-05-19"
    std::string birthPlaceCode;  // INSEE code of the birth commune (Paris/Lyon/Marseille:
                                 // the arrondissement, 75114), or "99" + country code (99350 Maroc)
    std::string birthPlace;      // "Paris 14e Arrondissement", "Maroc"
    std::string nir;             // n° de sécurité sociale, 15 characters: 13 + key (97 - n mod 97);
                                 // digits, except 2A/2B (births in Corsica) in place of the department
    std::string phone;           // mobile, E.164
    std::string email;
    std::string employment;      // "CDI", "CDD", "Intérim", "Apprenti", "Fonctionnaire",
                                 // "Indépendant", "Retraité", "Demandeur d'emploi", "Étudiant"
    std::string employerSiret;   // 14 digits (Luhn), empty when no employer
    std::string employerName;    // may be empty: the applicant completes it on AL'in (§3 panel 2)
    std::string workplaceInsee;  // INSEE code of the workplace commune ("code postal/commune du lieu
                                 // de travail", guide §3 choice 2); empty when not working or unknown
    bool disability = false;
    std::int64_t taxIncomeN2 = 0;  // revenu fiscal de référence of year N-2, euros

    nlohmann::json toJson() const;
    static RegistryPerson fromJson(const nlohmann::json& j, const std::string& where = "person");
};

// Another person who will live in the dwelling (children, ascendants, ...).
struct HouseholdMember {
    std::string firstName;
    std::string lastName;
    std::string sex;         // "F" | "M"
    std::string relation;    // "enfant", "ascendant", "autre"
    std::string birthDate;   // "2019-03-08"
    bool dependant = false;  // personne à charge
    bool disability = false;
    std::int64_t taxIncomeN2 = 0;  // adults only, euros

    nlohmann::json toJson() const;
    static HouseholdMember fromJson(const nlohmann::json& j, const std::string& where = "member");
};

struct RegistryAddress {
    std::string street;    // "27 rue Didot"
    std::string postcode;  // "75014"
    std::string commune;   // "Paris"
    std::string insee;     // "75056"

    nlohmann::json toJson() const;
    static RegistryAddress fromJson(const nlohmann::json& j, const std::string& where = "address");
};

struct RegistryRequest {
    std::string numeroUnique;      // 18 characters A-Z/0-9, normalised (no spaces, upper case)
    std::string registrationDept;  // department of the registration ("75", "29", "2A", "974")
    std::string createdOn;         // registration date of the request
    std::string renewedOn;         // last yearly renewal, empty when never renewed
    RegistryPerson applicant;
    std::optional<RegistryPerson> coApplicant;
    std::string familySituation;  // "Célibataire", "Marié(e)", "Pacsé(e)", "Concubinage", ...
    std::vector<HouseholdMember> otherMembers;
    RegistryAddress currentAddress;
    std::string currentHousing;                  // "Locataire du parc privé", "Hébergé chez des tiers", ...
    std::vector<std::string> requestedCommunes;  // INSEE codes, 1 to 5, by preference
    std::vector<int> typologies;                 // wished dwelling sizes 1..6 (T1..T6), ascending
    std::string motive;                          // main motive: "Logement trop petit", ...
    std::string priority;                        // "" (none), "DALO" or "L441-1"
    std::vector<std::string> documents;          // deposited categories (kDocumentCategories)

    int householdSize() const { return 1 + (coApplicant ? 1 : 0) + static_cast<int>(otherMembers.size()); }
    int dependants() const;
    bool anyDisability() const;
    std::int64_t householdTaxIncomeN2() const;  // sum over every member
    bool prioritySituation() const { return !priority.empty(); }
    bool createdBeforeAlinCutover() const { return !createdOn.empty() && createdOn < kAlinCutoverDate; }
    bool hasDocument(std::string_view category) const;

    nlohmann::json toJson() const;
    // Throws RegistryParseError (wrong types, Numéro Unique not 18 A-Z/0-9, bad date shape).
    static RegistryRequest fromJson(const nlohmann::json& j, const std::string& where = "request");
};

// A JSON document of requests: an array, or an object {"requests": [...]}.
// Throws RegistryParseError (malformed JSON, wrong types; the message names the
// field, e.g. "requests[1].typologies[0]: expected \"T1\"..\"T6\" or 1..6").
std::vector<RegistryRequest> parseRegistryRequests(std::string_view jsonText);
// {"requests": [...]}, readable by parseRegistryRequests.
nlohmann::json registryRequestsToJson(const std::vector<RegistryRequest>& requests);

}  // namespace alin
