// Registry stand-in: the guide's two examples, the deterministic generator and
// the shared seed helpers (the JSON of a request: src/reference/registry_json.cpp).
// Only integer arithmetic and our own PRNG: the output is identical natively and
// in wasm, whatever the standard library.
#include "demo_data/registry_seed.h"

#include <algorithm>
#include <array>
#include <set>
#include <stdexcept>
#include <utility>

#include "domain/dates.h"
#include "domain/nir.h"
#include "domain/siret.h"
#include "i18n/catalog.h"
#include "reference/eligibility_profile.h"

namespace alin {

using Json = nlohmann::json;

// ====================================================================== seed helpers
namespace {
std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}
}  // namespace

SeedRng::SeedRng(std::uint64_t seed) {
    for (auto& s : s_) s = splitmix64(seed);
}

std::uint64_t SeedRng::next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

std::uint64_t SeedRng::below(std::uint64_t n) {
    return n <= 1 ? 0 : next() % n;
}

std::int64_t SeedRng::range(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
}

std::size_t SeedRng::weighted(std::span<const std::uint32_t> weights) {
    std::uint64_t total = 0;
    for (auto w : weights) total += w;
    std::uint64_t r = below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (r < weights[i]) return i;
        r -= weights[i];
    }
    return weights.size() - 1;
}

WeightedPicker::WeightedPicker(std::span<const std::uint64_t> weights) {
    cumulative_.reserve(weights.size());
    for (auto w : weights) cumulative_.push_back(total_ += w);
}

std::size_t WeightedPicker::pick(SeedRng& rng) const {
    std::uint64_t r = rng.below(total_);
    return static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), r) - cumulative_.begin());
}

namespace {
// Thin adapters over domain/dates.h for the generator's integer code.
int monthDays(std::int64_t y, int m) {
    return domain::daysInMonth(static_cast<int>(y), m);
}
std::int64_t daysFromCivil(std::int64_t y, int m, int d) {
    return domain::daysFromCivil({static_cast<int>(y), m, d});
}
bool parseIso(std::string_view s, std::int64_t& y, int& m, int& d) {
    const auto date = domain::parseIsoDate(s);
    if (!date) return false;
    y = date->year;
    m = date->month;
    d = date->day;
    return true;
}
std::string pad(std::int64_t v, int width) {
    std::string s = std::to_string(v);
    if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
    return s;
}
}  // namespace

std::int64_t seedDays(std::string_view iso) {
    const auto date = domain::parseIsoDate(iso);
    if (!date) throw std::invalid_argument("not an ISO date (YYYY-MM-DD): '" + std::string(iso) + "'");
    return domain::daysFromCivil(*date);
}

std::string seedWithNirKey(const std::string& body) {
    return body + pad(domain::nirKey(body), 2);
}

std::string seedWithLuhnDigit(const std::string& body) {
    for (char c = '0'; c <= '9'; ++c)
        if (domain::luhnValid(body + c)) return body + c;
    return body + '0';
}

std::string seedIso(std::int64_t days) {
    return domain::toIsoDate(domain::civilFromDays(days));
}

int seedAgeOn(std::string_view birthIso, std::string_view onIso) {
    const auto birth = domain::parseIsoDate(birthIso), on = domain::parseIsoDate(onIso);
    if (!birth || !on) return -1;
    return domain::ageOn(*birth, *on);
}

namespace {
constexpr std::string_view kStreets[] = {
    "rue de la République",
    "avenue Jean Jaurès",
    "rue Victor Hugo",
    "boulevard Gambetta",
    "rue Pasteur",
    "allée des Tilleuls",
    "rue du Général de Gaulle",
    "place de la Mairie",
    "rue des Écoles",
    "avenue de la Libération",
    "rue Jules Ferry",
    "rue Émile Zola",
    "rue Louise Michel",
    "rue Simone Veil",
    "chemin des Vignes",
    "impasse des Lilas",
    "rue du Moulin",
    "rue de la Gare",
    "avenue du Maréchal Foch",
    "rue Pierre Brossolette",
    "rue Jean Moulin",
    "boulevard de la Liberté",
    "rue Anatole France",
    "rue des Acacias",
    "avenue Aristide Briand",
    "rue Paul Vaillant-Couturier",
    "rue Gabriel Péri",
    "rue du Stade",
    "square Albert Camus",
    "rue Olympe de Gouges",
    "rue des Peupliers",
    "avenue Henri Barbusse",
    "rue de l'Église",
    "rue Lamartine",
    "rue Voltaire",
    "rue Jean Jaurès",
    "résidence Les Glycines",
    "rue Marie Curie",
    "allée Jacques Prévert",
    "rue des Frères Lumière",
    "rue du 8 Mai 1945",
    "rue Danton",
    "avenue de Verdun",
    "rue Saint-Exupéry",
    "rue Condorcet",
    "rue Georges Brassens",
    "rue de Bretagne",
    "rue du Docteur Roux",
    "cité des Fleurs",
    "rue Édith Piaf",
};
}  // namespace

std::span<const std::string_view> seedStreetNames() {
    return kStreets;
}

// ====================================================================== generator
namespace {

using Names = std::span<const std::string_view>;

constexpr std::string_view kFrenchF[] = {
    "Marie",     "Nathalie",  "Isabelle", "Sylvie",    "Catherine", "Sandrine",  "Céline",   "Aurélie",  "Julie",
    "Camille",   "Léa",       "Manon",    "Chloé",     "Emma",      "Inès",      "Sarah",    "Laura",    "Émilie",
    "Claire",    "Sophie",    "Valérie",  "Christine", "Stéphanie", "Élodie",    "Amandine", "Pauline",  "Lucie",
    "Anaïs",     "Océane",    "Jade",     "Louise",    "Alice",     "Mélissa",   "Justine",  "Morgane",  "Mathilde",
    "Charlotte", "Audrey",    "Karine",   "Virginie",  "Hélène",    "Françoise", "Monique",  "Brigitte", "Nadège",
    "Maëlle",    "Gwenaëlle", "Zoé",      "Agathe",    "Noémie",
};
constexpr std::string_view kFrenchM[] = {
    "Jean",    "Pierre",  "Michel",    "Philippe", "Alain",   "Nicolas", "Christophe", "Stéphane", "Sébastien",
    "Julien",  "Thomas",  "Alexandre", "Maxime",   "Antoine", "Kévin",   "Mathieu",    "Romain",   "Guillaume",
    "Florian", "Lucas",   "Hugo",      "Louis",    "Nathan",  "Théo",    "Léo",        "Gabriel",  "Raphaël",
    "David",   "Laurent", "Olivier",   "Frédéric", "Éric",    "Patrick", "Franck",     "Jérôme",   "Damien",
    "Benoît",  "Vincent", "Yannick",   "Loïc",     "Quentin", "Adrien",  "Baptiste",   "Cédric",   "Gaël",
    "Erwan",   "Jordan",  "Dylan",     "Enzo",     "Noah",
};
constexpr std::string_view kFrenchSurnames[] = {
    "MARTIN",   "BERNARD", "THOMAS",   "PETIT",    "ROBERT",  "RICHARD",  "DURAND",   "DUBOIS",   "MOREAU",
    "LAURENT",  "SIMON",   "MICHEL",   "LEFEBVRE", "LEROY",   "ROUX",     "DAVID",    "BERTRAND", "MOREL",
    "FOURNIER", "GIRARD",  "BONNET",   "DUPONT",   "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT",  "MULLER",
    "LEFEVRE",  "FAURE",   "ANDRE",    "MERCIER",  "BLANC",   "GUERIN",   "BOYER",    "GARNIER",  "CHEVALIER",
    "FRANCOIS", "LEGRAND", "GAUTHIER", "PERRIN",   "ROBIN",   "CLEMENT",  "MORIN",    "NICOLAS",  "HENRY",
    "ROUSSEL",  "MATHIEU", "MASSON",   "LE GALL",  "LE ROUX", "KERVELLA", "LE BIHAN", "COLIN",    "VIDAL",
    "CARON",    "PICARD",  "ROGER",    "SCHMITT",  "MEYER",   "LUCAS",    "BRUN",     "JOLY",     "BARBIER",
    "ARNAUD",   "GERARD",  "AUBERT",   "DUVAL",    "LECLERC", "RENAUD",   "LEMAIRE",
};
constexpr std::string_view kMaghrebF[] = {"Fatima", "Khadija", "Nadia", "Samira", "Leïla",  "Yasmina",
                                          "Amina",  "Salma",   "Nour",  "Myriam", "Soraya", "Rania"};
constexpr std::string_view kMaghrebM[] = {"Mohamed", "Youssef", "Karim", "Rachid", "Ahmed", "Mehdi",
                                          "Samir",   "Omar",    "Bilal", "Nabil",  "Hamza", "Sofiane"};
constexpr std::string_view kMaghrebSurnames[] = {"BENALI",  "HADDAD",   "BELKACEM", "BOUZID",    "EL AMRANI",
                                                 "CHERIF",  "MANSOURI", "SAIDI",    "AIT AHMED", "BENSAID",
                                                 "MEZIANE", "BOUAZIZ",  "HAMDI",    "TRABELSI",  "BEN AMOR"};
constexpr std::string_view kPortugueseF[] = {"Maria", "Ana", "Sofia", "Catarina", "Beatriz", "Inês", "Joana", "Rita"};
constexpr std::string_view kPortugueseM[] = {"João", "Manuel", "José", "António", "Rui", "Tiago", "Paulo", "Carlos"};
constexpr std::string_view kPortugueseSurnames[] = {"DA SILVA",  "FERREIRA", "PEREIRA",   "OLIVEIRA",  "COSTA",
                                                    "RODRIGUES", "MARTINS",  "GONCALVES", "FERNANDES", "LOPES"};
constexpr std::string_view kWestAfricaF[] = {"Aminata",  "Fatoumata", "Awa",   "Mariam",
                                             "Kadiatou", "Aïssatou",  "Adama", "Binta"};
constexpr std::string_view kWestAfricaM[] = {"Mamadou", "Moussa", "Ibrahima", "Abdoulaye",
                                             "Ousmane", "Seydou", "Bakary",   "Cheikh"};
constexpr std::string_view kWestAfricaSurnames[] = {"DIALLO", "TRAORE",    "DIOP",  "NDIAYE", "KONE",   "CAMARA",
                                                    "SOW",    "COULIBALY", "KEITA", "BA",     "FOFANA", "TOURE"};
constexpr std::string_view kRomanianF[] = {"Elena", "Ioana", "Maria", "Andreea", "Cristina", "Alina"};
constexpr std::string_view kRomanianM[] = {"Andrei", "Ion", "Mihai", "Alexandru", "Florin", "Gheorghe"};
constexpr std::string_view kRomanianSurnames[] = {"POPESCU", "IONESCU", "DUMITRU", "STAN", "POPA", "CONSTANTIN"};
constexpr std::string_view kSouthEuropeF[] = {"Giulia", "Francesca", "Carmen", "Lucía", "Elena", "Chiara"};
constexpr std::string_view kSouthEuropeM[] = {"Marco", "Luca", "Giuseppe", "Carlos", "Javier", "Antonio"};
constexpr std::string_view kSouthEuropeSurnames[] = {"ROSSI",  "RUSSO",    "FERRARI", "ESPOSITO",
                                                     "GARCIA", "MARTINEZ", "LOPEZ",   "SANCHEZ"};
constexpr std::string_view kTurkishF[] = {"Ayşe", "Fatma", "Elif", "Zeynep", "Emine"};
constexpr std::string_view kTurkishM[] = {"Mehmet", "Ahmet", "Mustafa", "Murat", "Emre"};
constexpr std::string_view kTurkishSurnames[] = {"YILMAZ", "KAYA", "DEMIR", "SAHIN", "CELIK", "OZTURK"};

struct Origin {
    std::string_view nationality;  // foreign nationality
    std::string_view countryCode;  // INSEE code of the country of birth (99xxx)
    std::string_view countryName;
    Names female, male, surnames;
    std::uint32_t weight;        // among foreign nationals
    std::uint32_t frenchWeight;  // among French nationals with names of this origin
};

const Origin kOrigins[] = {
    {"Algérienne", "99352", "Algérie", kMaghrebF, kMaghrebM, kMaghrebSurnames, 17, 40},
    {"Marocaine", "99350", "Maroc", kMaghrebF, kMaghrebM, kMaghrebSurnames, 15, 25},
    {"Tunisienne", "99351", "Tunisie", kMaghrebF, kMaghrebM, kMaghrebSurnames, 7, 10},
    {"Portugaise", "99139", "Portugal", kPortugueseF, kPortugueseM, kPortugueseSurnames, 14, 15},
    {"Sénégalaise", "99341", "Sénégal", kWestAfricaF, kWestAfricaM, kWestAfricaSurnames, 6, 8},
    {"Malienne", "99335", "Mali", kWestAfricaF, kWestAfricaM, kWestAfricaSurnames, 6, 6},
    {"Ivoirienne", "99326", "Côte d'Ivoire", kWestAfricaF, kWestAfricaM, kWestAfricaSurnames, 6, 6},
    {"Roumaine", "99114", "Roumanie", kRomanianF, kRomanianM, kRomanianSurnames, 8, 2},
    {"Italienne", "99127", "Italie", kSouthEuropeF, kSouthEuropeM, kSouthEuropeSurnames, 5, 8},
    {"Espagnole", "99134", "Espagne", kSouthEuropeF, kSouthEuropeM, kSouthEuropeSurnames, 4, 6},
    {"Turque", "99208", "Turquie", kTurkishF, kTurkishM, kTurkishSurnames, 6, 5},
};

constexpr std::string_view kActivities[] = {
    "Boulangerie",  "Transports", "Clinique",        "Garage",     "Nettoyage",   "Logistique",
    "Restaurant",   "Hôtel",      "Pharmacie",       "Plomberie",  "Électricité", "Menuiserie",
    "Informatique", "Sécurité",   "Aide à domicile", "Imprimerie", "Boucherie",   "Coiffure",
    "Maçonnerie",   "Conseil",    "Traiteur",        "Ambulances", "Supermarché", "Auto-école",
    "Crèche",       "EHPAD",      "Bâtiment",        "Paysages",   "Laboratoire", "Agence immobilière",
};
constexpr std::string_view kCompanyForms[] = {"SAS", "SARL", "SA", "SASU", "", ""};
constexpr std::string_view kPlaceWords[] = {"du Centre",  "de l'Ouest", "du Parc", "des Lilas", "Saint-Joseph",
                                            "de la Gare", "du Val",     "Plus",    "Services",  "et Fils"};

constexpr std::string_view kMotives[] = {
    "Logement trop petit",
    "Logement trop cher",
    "Rapprochement du lieu de travail",
    "Sans logement propre",
    "Divorce, séparation",
    "Logement insalubre ou dangereux",
    "Raisons de santé",
    "Futur couple",
    "Logement repris ou mis en vente par son propriétaire",
    "Problèmes d'environnement ou de voisinage",
    "Handicap",
    "Regroupement familial",
    "Violences familiales",
    "Logement non décent",
};
constexpr std::uint32_t kMotiveWeights[] = {26, 16, 12, 12, 8, 4, 4, 4, 5, 4, 2, 1, 1, 1};
constexpr std::string_view kHousings[] = {
    "Locataire du parc privé", "Locataire HLM",     "Hébergé chez des parents",   "Hébergé chez des tiers",
    "Propriétaire occupant",   "Sous-locataire",    "Résidence sociale ou foyer", "Structure d'hébergement",
    "Logement de fonction",    "Camping, caravane",
};
constexpr std::uint32_t kHousingWeights[] = {40, 20, 14, 10, 3, 3, 4, 3, 2, 1};

// Income bands used only to shape the generated income distribution (they are the
// 2025 PLAI / PLUS figures, frozen so that the stand-in registry never changes;
// the eligibility rules read assets/data/income_ceilings.json, src/domain/eligibility.cpp).
struct Ceil {
    std::int64_t cat[6];
    std::int64_t extra;
};
constexpr Ceil kPlai[3] = {{{14683, 23931, 31369, 34338, 40847, 45968}, 5121},
                           {{14683, 23931, 28767, 31585, 37394, 42078}, 4686},
                           {{12759, 18591, 22356, 24875, 29105, 32800}, 3657}};
constexpr Ceil kPlus[3] = {{{26687, 39885, 52284, 62424, 74271, 83575}, 9313},
                           {{26687, 39885, 47944, 57429, 67984, 76504}, 8524},
                           {{23201, 30984, 37259, 44982, 52915, 59636}, 6652}};
std::int64_t ceiling(const Ceil& c, int category) {
    if (category <= 6) return c.cat[category - 1];
    return c.cat[5] + (category - 6) * c.extra;
}

std::string emailLocal(std::string_view first, std::string_view last) {
    std::string a = geoSearchKey(first), b = geoSearchKey(last);
    std::replace(a.begin(), a.end(), ' ', '-');
    std::replace(b.begin(), b.end(), ' ', '-');
    return a + "." + b;
}

// "MARTIN" -> "Martin", "LE GALL" -> "Le Gall" (ASCII surnames).
std::string titleCase(std::string_view upper) {
    std::string out(upper);
    bool start = true;
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z' && !start) c = static_cast<char>(c - 'A' + 'a');
        start = c == ' ' || c == '-' || c == '\'';
    }
    return out;
}

// "de Quimper", "du Havre", "des Mureaux", "de la Rochelle", "de l'Isle-Adam", "d'Évry".
std::string ofPlace(std::string_view name) {
    auto starts = [name](std::string_view p) { return name.substr(0, p.size()) == p; };
    if (starts("Le ")) return "du " + std::string(name.substr(3));
    if (starts("Les ")) return "des " + std::string(name.substr(4));
    if (starts("La ")) return "de la " + std::string(name.substr(3));
    if (starts("L'")) return "de l'" + std::string(name.substr(2));
    static constexpr std::string_view kVowels[] = {"A", "E", "I", "O", "U", "Y", "É", "È", "Ê", "Î", "Ô", "Œ", "H"};
    for (auto v : kVowels)
        if (starts(v)) return "d'" + std::string(name);
    return "de " + std::string(name);
}

std::string arrondissementName(std::string_view city, int n) {
    return std::string(city) + " " + std::to_string(n) + (n == 1 ? "er" : "e") + " Arrondissement";
}

class Generator {
public:
    Generator(const Geography& geo, const RegistrySeedOptions& o)
        : geo_(geo), rng_(o.seed), refDays_(seedDays(o.referenceDate)) {
        std::int64_t y = 2025;
        int m = 1, d = 1;
        parseIso(o.referenceDate, y, m, d);
        refYear_ = y;
        auto deps = geo.departments();
        std::vector<std::uint64_t> w;
        for (const Department& dep : deps) {
            std::uint64_t pop = 0;
            for (const Commune& c : geo.communesOf(dep.code)) pop += c.population;
            w.push_back(pop);
        }
        deptPicker_ = WeightedPicker(w);
        communePickers_.resize(deps.size());
        for (const Origin& x : kOrigins) {
            foreignW_.push_back(x.weight);
            frenchW_.push_back(x.frenchWeight);
        }
    }

    void reserveExample(const RegistryRequest& r) {
        nus_.insert(r.numeroUnique);
        for (const RegistryPerson* p : {&r.applicant, r.coApplicant ? &*r.coApplicant : nullptr}) {
            if (!p) continue;
            emails_.insert(p->email);
            phones_.insert(p->phone);
        }
    }

    RegistryRequest make();

private:
    const Department& pickDept() { return geo_.departments()[deptPicker_.pick(rng_)]; }
    const Commune& pickCommune(const Department& dep) {
        std::size_t di = static_cast<std::size_t>(&dep - geo_.departments().data());
        auto list = geo_.communesOf(dep.code);
        if (communePickers_[di].empty()) {
            std::vector<std::uint64_t> w;
            // Biased to populated communes: weight = population (+1 so every commune can come up).
            for (const Commune& c : list) w.push_back(std::uint64_t{c.population} + 1);
            communePickers_[di] = WeightedPicker(w);
        }
        return list[communePickers_[di].pick(rng_)];
    }
    template <std::size_t N>
    std::string_view pick(const std::string_view (&v)[N]) {
        return v[rng_.below(N)];
    }
    std::string_view pick(Names v) { return v[rng_.below(v.size())]; }

    std::string birthDateForAge(int age) {
        std::int64_t y = refYear_ - age;
        int m = static_cast<int>(rng_.range(1, 12));
        int d = static_cast<int>(rng_.range(1, monthDays(y, m)));
        std::string iso = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2);
        // Keep the age exact: born later in the year than today -> one year younger.
        if (seedAgeOn(iso, seedIso(refDays_)) != age) iso = pad(y - 1, 4) + iso.substr(4);
        return iso;
    }
    std::string uniquePhone() {
        // ARCEP's range reserved for fiction: 06 39 98 00 00 - 06 39 98 99 99.
        for (;;) {
            std::string p = "+3363998" + pad(static_cast<std::int64_t>(rng_.below(10000)), 4);
            if (phones_.insert(p).second) return p;
        }
    }
    std::string uniqueEmail(std::string_view first, std::string_view last) {
        std::string base = emailLocal(first, last);
        std::string domain = rng_.percent(85) ? "@example.fr" : "@yopmail.com";
        std::string e = base + domain;
        while (!emails_.insert(e).second) e = base + pad(static_cast<std::int64_t>(rng_.range(1, 99)), 2) + domain;
        return e;
    }
    std::string siret() {
        // SIREN (9 digits, itself Luhn-valid) + NIC "000" + digit + check digit.
        // (One draw per statement: the evaluation order of operands is unspecified.)
        std::string siren = std::to_string(rng_.range(3, 9));
        siren += pad(static_cast<std::int64_t>(rng_.below(10000000)), 7);
        siren = seedWithLuhnDigit(siren);
        return seedWithLuhnDigit(siren + "000" + std::to_string(rng_.range(1, 9)));
    }
    std::string employerName(const Commune& near) {
        std::string name(pick(kActivities));
        int style = static_cast<int>(rng_.below(3));
        if (style == 0)
            name += " " + titleCase(pick(kFrenchSurnames));
        else if (style == 1)
            name += " " + std::string(pick(kPlaceWords));
        else
            name += " " + ofPlace(near.name);
        std::string_view form = pick(kCompanyForms);
        if (!form.empty()) name += " " + std::string(form);
        return name;
    }
    // Birth place: a commune (arrondissement for Paris, Lyon, Marseille) or a country.
    void birthPlace(RegistryPerson& p, const Origin* foreignBorn, const Department& home) {
        if (foreignBorn) {
            p.birthPlaceCode = std::string(foreignBorn->countryCode);
            p.birthPlace = std::string(foreignBorn->countryName);
            return;
        }
        const Commune& c = pickCommune(rng_.percent(55) ? home : pickDept());
        if (c.insee == "75056") {
            int n = static_cast<int>(rng_.range(1, 20));
            p.birthPlaceCode = "751" + pad(n, 2);
            p.birthPlace = arrondissementName("Paris", n);
        } else if (c.insee == "69123") {
            int n = static_cast<int>(rng_.range(1, 9));
            p.birthPlaceCode = "6938" + std::to_string(n);
            p.birthPlace = arrondissementName("Lyon", n);
        } else if (c.insee == "13055") {
            int n = static_cast<int>(rng_.range(1, 16));
            p.birthPlaceCode = "132" + pad(n, 2);
            p.birthPlace = arrondissementName("Marseille", n);
        } else {
            p.birthPlaceCode = std::string(c.insee);
            p.birthPlace = std::string(c.name);
        }
    }
    std::string nir(bool woman, const std::string& birthDate, const std::string& place) {
        std::string body = std::string(woman ? "2" : "1") + birthDate.substr(2, 2) + birthDate.substr(5, 2) + place +
                           pad(rng_.range(1, 999), 3);
        return seedWithNirKey(body);
    }
    std::string employment(int age) {
        if (age >= 63) return rng_.percent(85) ? "Retraité" : "CDI";
        if (age <= 24 && rng_.percent(12)) return "Étudiant";
        static constexpr std::string_view kJobs[] = {"CDI",           "CDD",         "Intérim",           "Apprenti",
                                                     "Fonctionnaire", "Indépendant", "Demandeur d'emploi"};
        static constexpr std::uint32_t kW[] = {58, 14, 8, 3, 4, 3, 10};
        std::string job(kJobs[rng_.weighted(kW)]);
        if (job == "Apprenti" && age > 27) job = "CDI";
        return job;
    }
    bool privateEmployee(const std::string& job) {
        return job == "CDI" || job == "CDD" || job == "Intérim" || job == "Apprenti";
    }

    // `partner`: the other member of the couple, whose names are not reused.
    RegistryPerson person(bool woman, int age, const Origin* origin, bool foreignNational, const Department& home,
                          const Commune& workNear, const RegistryPerson* partner = nullptr) {
        RegistryPerson p;
        p.civility = woman ? "Madame" : "Monsieur";
        Names firsts =
            origin ? (woman ? origin->female : origin->male) : Names(woman ? Names(kFrenchF) : Names(kFrenchM));
        Names lasts = origin ? origin->surnames : Names(kFrenchSurnames);
        p.firstName = std::string(pick(firsts));
        p.lastName = p.birthName = std::string(pick(lasts));
        for (int guard = 0; partner && p.firstName == partner->firstName && guard < 20; ++guard)
            p.firstName = std::string(pick(firsts));
        for (int guard = 0; partner && p.civility == partner->civility && p.lastName == partner->lastName && guard < 20;
             ++guard)
            p.lastName = p.birthName = std::string(pick(lasts));
        p.nationality = foreignNational && origin ? std::string(origin->nationality) : "Française";
        p.birthDate = birthDateForAge(age);
        const Origin* bornAbroad = nullptr;
        if (origin && (foreignNational ? rng_.percent(90) : rng_.percent(20))) bornAbroad = origin;
        birthPlace(p, bornAbroad, home);
        p.nir = nir(woman, p.birthDate, p.birthPlaceCode);
        p.phone = uniquePhone();
        p.email = uniqueEmail(p.firstName, p.lastName);
        p.employment = employment(age);
        if (privateEmployee(p.employment)) {
            p.employerSiret = siret();
            p.employerName = employerName(workNear);
        }
        if (p.employment != "Retraité" && p.employment != "Demandeur d'emploi" && p.employment != "Étudiant")
            p.workplaceInsee = std::string(workNear.insee);
        p.disability = rng_.permille(age > 50 ? 80 : 35);
        return p;
    }

    const Geography& geo_;
    SeedRng rng_;
    std::int64_t refDays_;
    std::int64_t refYear_ = 2026;
    WeightedPicker deptPicker_;
    std::vector<WeightedPicker> communePickers_;
    std::set<std::string> nus_, emails_, phones_;
    std::vector<std::uint32_t> foreignW_, frenchW_;
};

RegistryRequest Generator::make() {
    RegistryRequest r;
    const Department& dep = pickDept();
    r.registrationDept = std::string(dep.code);
    const bool idf = domain::isIleDeFranceDepartment(dep.code);

    // Creation: ~28 % before the AL'in cut-over of 20/04/2021.
    const std::int64_t cutover = seedDays(kAlinCutoverDate);
    std::int64_t created = rng_.percent(28) ? rng_.range(seedDays("2017-06-01"), cutover - 1)
                                            : rng_.range(cutover, std::max(cutover, refDays_ - 7));
    r.createdOn = seedIso(created);
    std::int64_t cy = 2017;
    int cm = 1, cd = 1;
    parseIso(r.createdOn, cy, cm, cd);
    // Renewed every year on the anniversary (a few days before it).
    std::int64_t years = (refDays_ - created) / 366;
    if (years >= 1) {
        std::int64_t ry = cy + years;
        int rd = std::min(cd, monthDays(ry, cm));
        r.renewedOn = seedIso(daysFromCivil(ry, cm, rd) - rng_.range(0, 20));
    }

    // Numéro Unique: territory (111 = Île-de-France, else the department), month,
    // year, 6-digit sequence, 5-character desk.
    std::string territory = idf                                          ? "111"
                            : dep.code.size() == 3                       ? std::string(dep.code)
                            : (dep.code[1] == 'A' || dep.code[1] == 'B') ? "020"
                                                                         : "0" + std::string(dep.code);
    for (;;) {
        std::string desk;
        int style = static_cast<int>(rng_.below(100));
        if (style < 25)
            desk = "ACLOG";
        else if (style < 70) {
            desk = std::string(1, static_cast<char>('A' + rng_.below(26)));
            desk += pad(static_cast<std::int64_t>(rng_.below(10000)), 4);
        } else
            desk = "GU" + pad(static_cast<std::int64_t>(rng_.below(1000)), 3);
        std::string nu =
            territory + pad(cm, 2) + pad(cy % 100, 2) + pad(static_cast<std::int64_t>(rng_.below(1000000)), 6) + desk;
        if (nus_.insert(nu).second) {
            r.numeroUnique = nu;
            break;
        }
    }

    // Household shape.
    enum Shape { Single, SingleParent, Couple, CoupleKids, WithAscendant };
    static constexpr std::uint32_t kShapeW[] = {36, 22, 14, 24, 4};
    Shape shape = static_cast<Shape>(rng_.weighted(kShapeW));
    const bool couple = shape == Couple || shape == CoupleKids || (shape == WithAscendant && rng_.percent(40));
    int age;
    switch (shape) {
        case Single:
            age = static_cast<int>(rng_.percent(15) ? rng_.range(60, 78) : rng_.range(20, 59));
            break;
        case SingleParent:
            age = static_cast<int>(rng_.range(22, 54));
            break;
        case Couple:
            age = static_cast<int>(rng_.range(21, 72));
            break;
        case CoupleKids:
            age = static_cast<int>(rng_.range(24, 52));
            break;
        default:
            age = static_cast<int>(rng_.range(30, 60));
            break;
    }
    const bool woman = shape == SingleParent ? rng_.percent(85) : rng_.percent(55);

    // Origins: 84 % French nationals (a fifth of them with names of another
    // origin), 16 % foreign nationals.
    const bool foreignNational = rng_.percent(16);
    const Origin* origin = nullptr;
    if (foreignNational)
        origin = &kOrigins[rng_.weighted(foreignW_)];
    else if (rng_.percent(20))
        origin = &kOrigins[rng_.weighted(frenchW_)];

    // Current address: mostly in the department of the request.
    const Department& homeDept = rng_.percent(75) ? dep : pickDept();
    const Commune& home = pickCommune(homeDept);
    r.currentAddress.street = std::to_string(rng_.range(1, 180));
    r.currentAddress.street += " " + std::string(pick(kStreets));
    r.currentAddress.postcode =
        std::string(home.postcodeCount() ? home.postcode(rng_.below(home.postcodeCount())) : "");
    r.currentAddress.commune = std::string(home.name);
    r.currentAddress.insee = std::string(home.insee);

    r.applicant = person(woman, age, origin, foreignNational, homeDept, home);
    if (couple) {
        bool coWoman = rng_.percent(94) ? !woman : woman;
        int coAge = std::max(19, age + static_cast<int>(rng_.range(-6, 6)));
        const Origin* coOrigin = rng_.percent(75) ? origin : nullptr;
        bool coForeign = coOrigin && foreignNational && rng_.percent(80);
        r.coApplicant = person(coWoman, coAge, coOrigin, coForeign, homeDept, home, &r.applicant);
        static constexpr std::string_view kCoupleSit[] = {"Marié(e)", "Pacsé(e)", "Concubinage"};
        r.familySituation = std::string(pick(kCoupleSit));
        if (r.familySituation == "Marié(e)" && woman != coWoman && rng_.percent(60)) {
            // The wife uses her husband's name; her birth name stays.
            RegistryPerson& wife = woman ? r.applicant : *r.coApplicant;
            const RegistryPerson& husband = woman ? *r.coApplicant : r.applicant;
            wife.lastName = husband.lastName;
        }
    } else {
        static constexpr std::string_view kSingleSit[] = {"Célibataire", "Célibataire", "Divorcé(e)", "Séparé(e)",
                                                          "Veuf(ve)"};
        r.familySituation = std::string(age > 70 && rng_.percent(50) ? "Veuf(ve)" : pick(kSingleSit));
    }

    // Children and ascendants.
    const RegistryPerson* father =
        !woman ? &r.applicant : (r.coApplicant && r.coApplicant->civility == "Monsieur" ? &*r.coApplicant : nullptr);
    const std::string kidsName = father ? father->lastName : r.applicant.lastName;
    int kids = 0;
    if (shape == SingleParent || shape == CoupleKids) {
        static constexpr std::uint32_t kKidsW[] = {38, 32, 16, 8, 4, 1, 1};
        kids = 1 + static_cast<int>(rng_.weighted(kKidsW));
    }
    const int maxKidAge = std::max(0, std::min(age - 18, 24));
    for (int k = 0; k < kids && r.householdSize() < 8; ++k) {
        HouseholdMember m;
        bool girl = rng_.percent(49);
        m.sex = girl ? "F" : "M";
        m.firstName = std::string(origin && rng_.percent(60) ? pick(girl ? origin->female : origin->male)
                                                             : pick(girl ? Names(kFrenchF) : Names(kFrenchM)));
        m.lastName = kidsName;
        m.relation = "enfant";
        int kidAge = static_cast<int>(rng_.range(0, maxKidAge));
        m.birthDate = birthDateForAge(kidAge);
        m.dependant = kidAge < 21 || (kidAge < 25 && rng_.percent(50));
        m.disability = rng_.permille(30);
        if (kidAge >= 18 && !m.dependant) m.taxIncomeN2 = rng_.range(4000, 16000);
        r.otherMembers.push_back(std::move(m));
    }
    if (shape == WithAscendant && r.householdSize() < 8) {
        HouseholdMember m;
        bool f = rng_.percent(65);
        m.sex = f ? "F" : "M";
        m.firstName = std::string(pick(f ? Names(kFrenchF) : Names(kFrenchM)));
        m.lastName = r.applicant.birthName;
        m.relation = "ascendant";
        m.birthDate = birthDateForAge(std::min(95, age + static_cast<int>(rng_.range(22, 34))));
        m.dependant = rng_.percent(40);
        m.disability = rng_.permille(200);
        m.taxIncomeN2 = rng_.range(9000, 19000);
        r.otherMembers.push_back(std::move(m));
    }

    // Incomes (revenu fiscal de référence N-2): ~22 % under the PLAI ceiling,
    // ~60 % between PLAI and PLUS, ~18 % above PLUS (some up to PLS and beyond).
    const Commune* firstWish = nullptr;
    std::vector<std::string> wishes;
    {
        static constexpr std::uint32_t kCountW[] = {30, 30, 20, 12, 8};
        std::size_t want = 1 + rng_.weighted(kCountW);
        auto list = geo_.communesOf(dep.code);
        want = std::min(want, list.size());
        if (home.dept == dep.code && rng_.percent(50)) wishes.emplace_back(home.insee);
        for (int guard = 0; wishes.size() < want && guard < 200; ++guard) {
            std::string c(pickCommune(dep).insee);
            if (std::find(wishes.begin(), wishes.end(), c) == wishes.end()) wishes.push_back(c);
        }
        firstWish = geo_.commune(wishes.front());
    }
    r.requestedCommunes = wishes;
    domain::Zone zone = domain::zoneOf(firstWish->insee, firstWish->dept);
    const int zi = static_cast<int>(zone);
    // The household category is the domain's (domain::householdCategory).
    const domain::HouseholdCategory hc = domain::householdCategory(householdFromRegistry(r, seedIso(refDays_)));
    const int category = hc.category + hc.extraPersons;
    const int persons = r.householdSize();
    const std::int64_t plai = ceiling(kPlai[zi], category), plus = ceiling(kPlus[zi], category);
    std::int64_t total;
    int band = static_cast<int>(rng_.below(100));
    if (band < 22)
        total = plai * rng_.range(450, 1000) / 1000;
    else if (band < 82)
        total = rng_.range(plai + 1, plus);
    else
        total = plus * rng_.range(1001, 1550) / 1000;
    std::int64_t others = 0;
    for (const auto& m : r.otherMembers) others += m.taxIncomeN2;
    if (others > total / 3) {
        for (auto& m : r.otherMembers) m.taxIncomeN2 = m.taxIncomeN2 * (total / 3) / std::max<std::int64_t>(others, 1);
        others = 0;
        for (const auto& m : r.otherMembers) others += m.taxIncomeN2;
    }
    std::int64_t main = total - others;
    if (r.coApplicant) {
        std::int64_t share = main * rng_.range(40, 75) / 100;
        r.applicant.taxIncomeN2 = share;
        r.coApplicant->taxIncomeN2 = main - share;
        if (r.coApplicant->employment == "Demandeur d'emploi" || r.coApplicant->employment == "Étudiant") {
            r.coApplicant->taxIncomeN2 = main / 10;
            r.applicant.taxIncomeN2 = main - main / 10;
        }
    } else {
        r.applicant.taxIncomeN2 = main;
    }

    // Wished typologies: within the guide's range for the household size (the domain's table).
    const domain::TypologyRange range = domain::defaultTypologyRules().rangeFor(persons);
    int lo = range.minRooms, hi = range.maxRooms;
    if (persons >= 2 && lo == 1) lo = 2;  // couples rarely ask for a studio
    int start = static_cast<int>(rng_.range(lo, hi));
    int count = static_cast<int>(rng_.range(1, std::min(3, hi - start + 1)));
    for (int t = start; t < start + count; ++t) r.typologies.push_back(t);

    r.currentHousing = std::string(kHousings[rng_.weighted(kHousingWeights)]);
    r.motive = std::string(kMotives[rng_.weighted(kMotiveWeights)]);
    if (rng_.percent(5)) {
        r.priority = rng_.percent(40) ? "DALO" : "L441-1";
        static constexpr std::string_view kPriorityMotives[] = {"Sans logement propre", "Violences familiales",
                                                                "Logement insalubre ou dangereux", "Handicap"};
        r.motive = std::string(pick(kPriorityMotives));
    }
    if (r.motive == "Handicap" && !r.anyDisability()) r.motive = "Raisons de santé";
    if (rng_.percent(68)) {
        for (auto d : kDocumentCategories) r.documents.emplace_back(d);
    } else {
        static constexpr int kChance[] = {92, 70, 65, 60};
        for (std::size_t i = 0; i < 4; ++i)
            if (rng_.percent(kChance[i])) r.documents.emplace_back(kDocumentCategories[i]);
    }
    return r;
}

}  // namespace

std::vector<RegistryRequest> generateRegistry(const Geography& geo, const RegistrySeedOptions& options) {
    if (geo.empty()) throw std::invalid_argument("generateRegistry: the geography is empty");
    std::vector<RegistryRequest> out = guideExampleRequests();
    Generator gen(geo, options);
    for (const auto& r : out) gen.reserveExample(r);
    while (out.size() < options.count) out.push_back(gen.make());
    return out;
}

}  // namespace alin
