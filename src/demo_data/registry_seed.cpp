// Registry stand-in: JSON of RegistryRequest (registry_types.h), the guide's two
// examples, the deterministic generator and the shared seed helpers.
// Only integer arithmetic and our own PRNG: the output is identical natively and
// in wasm, whatever the standard library.
#include "demo_data/registry_seed.h"

#include <algorithm>
#include <array>
#include <set>
#include <stdexcept>
#include <utility>

#include "i18n/catalog.h"

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
bool isLeap(std::int64_t y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int monthDays(std::int64_t y, int m) {
    static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}
// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t daysFromCivil(std::int64_t y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
void civilFromDays(std::int64_t z, std::int64_t& y, int& m, int& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y += m <= 2;
}
bool parseIso(std::string_view s, std::int64_t& y, int& m, int& d) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= monthDays(y, m);
}
std::string pad(std::int64_t v, int width) {
    std::string s = std::to_string(v);
    if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
    return s;
}
}  // namespace

std::int64_t seedDays(std::string_view iso) {
    std::int64_t y;
    int m, d;
    if (!parseIso(iso, y, m, d))
        throw std::invalid_argument("not an ISO date (YYYY-MM-DD): '" + std::string(iso) + "'");
    return daysFromCivil(y, m, d);
}

std::string seedIso(std::int64_t days) {
    std::int64_t y;
    int m, d;
    civilFromDays(days, y, m, d);
    return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2);
}

int seedAgeOn(std::string_view birthIso, std::string_view onIso) {
    std::int64_t by, oy;
    int bm, bd, om, od;
    if (!parseIso(birthIso, by, bm, bd) || !parseIso(onIso, oy, om, od)) return -1;
    int age = static_cast<int>(oy - by);
    if (om < bm || (om == bm && od < bd)) --age;
    return age;
}

int nirKey(std::string_view b) {
    if (b.size() != 13) return -1;
    std::string digits(b);
    std::int64_t corsica = 0;
    if (b[5] == '2' && (b[6] == 'A' || b[6] == 'B')) {
        // 2A -> 19, 2B -> 18 (the rule subtracts 1 000 000 or 2 000 000).
        corsica = b[6] == 'A' ? 1000000 : 2000000;
        digits[6] = '0';
    }
    if (digits[0] != '1' && digits[0] != '2') return -1;
    std::int64_t n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return -1;
        n = n * 10 + (c - '0');
    }
    n -= corsica;
    return static_cast<int>(97 - (n % 97));
}

bool isValidNir(std::string_view nir) {
    if (nir.size() != 15) return false;
    int key = nirKey(nir.substr(0, 13));
    if (key < 0 || nir[13] < '0' || nir[13] > '9' || nir[14] < '0' || nir[14] > '9') return false;
    int month = (nir[3] - '0') * 10 + (nir[4] - '0');
    if (nir[3] < '0' || nir[3] > '9' || nir[4] < '0' || nir[4] > '9') return false;
    // 01-12, or 20 and over (unknown month, 20-42 / 50-99 in INSEE's practice).
    if (month == 0 || (month > 12 && month < 20)) return false;
    return key == (nir[13] - '0') * 10 + (nir[14] - '0');
}

bool isLuhnValid(std::string_view digits) {
    if (digits.empty()) return false;
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        char c = digits[digits.size() - 1 - i];
        if (c < '0' || c > '9') return false;
        int v = c - '0';
        if (i % 2 == 1) {
            v *= 2;
            if (v > 9) v -= 9;
        }
        sum += v;
    }
    return sum % 10 == 0;
}

namespace {
// Paris and its 29 neighbouring communes (docs/domain.md), sorted.
constexpr std::string_view kParisLimitrophe[] = {
    "75056", "92012", "92024", "92040", "92044", "92046", "92049", "92051", "92062", "92064",
    "92073", "92075", "93001", "93006", "93045", "93048", "93055", "93061", "93066", "93070",
    "94018", "94033", "94037", "94041", "94042", "94043", "94052", "94067", "94069", "94080",
};
constexpr std::string_view kIdfDepts[] = {"75", "77", "78", "91", "92", "93", "94", "95"};
}  // namespace

SeedZone seedZoneOf(std::string_view insee, std::string_view dept) {
    if (std::binary_search(std::begin(kParisLimitrophe), std::end(kParisLimitrophe), insee))
        return SeedZone::ParisLimitrophe;
    if (std::find(std::begin(kIdfDepts), std::end(kIdfDepts), dept) != std::end(kIdfDepts)) return SeedZone::ResteIdf;
    return SeedZone::AutresRegions;
}

std::string_view seedZoneName(SeedZone z) {
    switch (z) {
        case SeedZone::ParisLimitrophe:
            return "paris_limitrophe";
        case SeedZone::ResteIdf:
            return "reste_idf";
        default:
            return "autres_regions";
    }
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

// ====================================================================== JSON
namespace {

[[noreturn]] void typeError(const std::string& where, const char* expected, const Json& v) {
    throw RegistryParseError(where + ": expected " + expected + ", got " + v.type_name());
}

const Json* field(const Json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
}

void requireObject(const Json& j, const std::string& where) {
    if (!j.is_object()) typeError(where, "an object", j);
}

void getString(const Json& obj, const char* key, std::string& out, const std::string& where) {
    if (const Json* v = field(obj, key)) {
        if (!v->is_string()) typeError(where + "." + key, "a string", *v);
        out = v->get<std::string>();
    }
}

void getDate(const Json& obj, const char* key, std::string& out, const std::string& where) {
    getString(obj, key, out, where);
    std::int64_t y;
    int m, d;
    if (!out.empty() && !parseIso(out, y, m, d))
        throw RegistryParseError(where + "." + key + ": expected a date YYYY-MM-DD, got \"" + out + "\"");
}

void getBool(const Json& obj, const char* key, bool& out, const std::string& where) {
    if (const Json* v = field(obj, key)) {
        if (!v->is_boolean()) typeError(where + "." + key, "true or false", *v);
        out = v->get<bool>();
    }
}

void getAmount(const Json& obj, const char* key, std::int64_t& out, const std::string& where) {
    if (const Json* v = field(obj, key)) {
        if (!v->is_number_integer()) typeError(where + "." + key, "a whole number of euros", *v);
        out = v->get<std::int64_t>();
        if (out < 0) throw RegistryParseError(where + "." + key + ": must not be negative");
    }
}

void getStringList(const Json& obj, const char* key, std::vector<std::string>& out, const std::string& where) {
    if (const Json* v = field(obj, key)) {
        if (!v->is_array()) typeError(where + "." + key, "an array", *v);
        out.clear();
        for (std::size_t i = 0; i < v->size(); ++i) {
            const Json& e = (*v)[i];
            if (!e.is_string()) typeError(where + "." + key + "[" + std::to_string(i) + "]", "a string", e);
            out.push_back(e.get<std::string>());
        }
    }
}

}  // namespace

Json RegistryPerson::toJson() const {
    return Json{{"civility", civility},
                {"lastName", lastName},
                {"birthName", birthName},
                {"firstName", firstName},
                {"nationality", nationality},
                {"birthDate", birthDate},
                {"birthPlaceCode", birthPlaceCode},
                {"birthPlace", birthPlace},
                {"nir", nir},
                {"phone", phone},
                {"email", email},
                {"employment", employment},
                {"employerSiret", employerSiret},
                {"employerName", employerName},
                {"disability", disability},
                {"taxIncomeN2", taxIncomeN2}};
}

RegistryPerson RegistryPerson::fromJson(const Json& j, const std::string& where) {
    requireObject(j, where);
    RegistryPerson p;
    getString(j, "civility", p.civility, where);
    if (!p.civility.empty() && p.civility != "Madame" && p.civility != "Monsieur")
        throw RegistryParseError(where + ".civility: expected \"Madame\" or \"Monsieur\", got \"" + p.civility + "\"");
    getString(j, "lastName", p.lastName, where);
    getString(j, "birthName", p.birthName, where);
    if (p.birthName.empty()) p.birthName = p.lastName;
    getString(j, "firstName", p.firstName, where);
    getString(j, "nationality", p.nationality, where);
    getDate(j, "birthDate", p.birthDate, where);
    getString(j, "birthPlaceCode", p.birthPlaceCode, where);
    getString(j, "birthPlace", p.birthPlace, where);
    getString(j, "nir", p.nir, where);
    getString(j, "phone", p.phone, where);
    getString(j, "email", p.email, where);
    getString(j, "employment", p.employment, where);
    getString(j, "employerSiret", p.employerSiret, where);
    getString(j, "employerName", p.employerName, where);
    getBool(j, "disability", p.disability, where);
    getAmount(j, "taxIncomeN2", p.taxIncomeN2, where);
    return p;
}

Json HouseholdMember::toJson() const {
    return Json{{"firstName", firstName},   {"lastName", lastName},      {"sex", sex},
                {"relation", relation},     {"birthDate", birthDate},    {"dependant", dependant},
                {"disability", disability}, {"taxIncomeN2", taxIncomeN2}};
}

HouseholdMember HouseholdMember::fromJson(const Json& j, const std::string& where) {
    requireObject(j, where);
    HouseholdMember m;
    getString(j, "firstName", m.firstName, where);
    getString(j, "lastName", m.lastName, where);
    getString(j, "sex", m.sex, where);
    if (!m.sex.empty() && m.sex != "F" && m.sex != "M")
        throw RegistryParseError(where + ".sex: expected \"F\" or \"M\", got \"" + m.sex + "\"");
    getString(j, "relation", m.relation, where);
    getDate(j, "birthDate", m.birthDate, where);
    getBool(j, "dependant", m.dependant, where);
    getBool(j, "disability", m.disability, where);
    getAmount(j, "taxIncomeN2", m.taxIncomeN2, where);
    return m;
}

Json RegistryAddress::toJson() const {
    return Json{{"street", street}, {"postcode", postcode}, {"commune", commune}, {"insee", insee}};
}

RegistryAddress RegistryAddress::fromJson(const Json& j, const std::string& where) {
    requireObject(j, where);
    RegistryAddress a;
    getString(j, "street", a.street, where);
    getString(j, "postcode", a.postcode, where);
    getString(j, "commune", a.commune, where);
    getString(j, "insee", a.insee, where);
    return a;
}

int RegistryRequest::dependants() const {
    int n = 0;
    for (const auto& m : otherMembers) n += m.dependant;
    return n;
}

bool RegistryRequest::anyDisability() const {
    if (applicant.disability || (coApplicant && coApplicant->disability)) return true;
    return std::any_of(otherMembers.begin(), otherMembers.end(), [](const auto& m) { return m.disability; });
}

std::int64_t RegistryRequest::householdTaxIncomeN2() const {
    std::int64_t total = applicant.taxIncomeN2 + (coApplicant ? coApplicant->taxIncomeN2 : 0);
    for (const auto& m : otherMembers) total += m.taxIncomeN2;
    return total;
}

bool RegistryRequest::hasDocument(std::string_view category) const {
    return std::find(documents.begin(), documents.end(), category) != documents.end();
}

Json RegistryRequest::toJson() const {
    Json members = Json::array();
    for (const auto& m : otherMembers) members.push_back(m.toJson());
    Json typos = Json::array();
    for (int t : typologies) typos.push_back("T" + std::to_string(t));
    return Json{{"numeroUnique", numeroUnique},
                {"registrationDept", registrationDept},
                {"createdOn", createdOn},
                {"renewedOn", renewedOn},
                {"applicant", applicant.toJson()},
                {"coApplicant", coApplicant ? coApplicant->toJson() : Json(nullptr)},
                {"familySituation", familySituation},
                {"otherMembers", members},
                {"currentAddress", currentAddress.toJson()},
                {"currentHousing", currentHousing},
                {"requestedCommunes", requestedCommunes},
                {"typologies", typos},
                {"motive", motive},
                {"priority", priority},
                {"documents", documents}};
}

RegistryRequest RegistryRequest::fromJson(const Json& j, const std::string& where) {
    requireObject(j, where);
    RegistryRequest r;
    const Json* nu = field(j, "numeroUnique");
    if (!nu) throw RegistryParseError(where + ".numeroUnique: missing");
    if (!nu->is_string()) typeError(where + ".numeroUnique", "a string", *nu);
    for (char c : nu->get<std::string>()) {
        if (c == ' ' || c == '-') continue;
        r.numeroUnique += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    if (r.numeroUnique.size() != 18 || !std::all_of(r.numeroUnique.begin(), r.numeroUnique.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }))
        throw RegistryParseError(where + ".numeroUnique: expected 18 characters A-Z/0-9, got \"" +
                                 nu->get<std::string>() + "\"");
    getString(j, "registrationDept", r.registrationDept, where);
    getDate(j, "createdOn", r.createdOn, where);
    getDate(j, "renewedOn", r.renewedOn, where);
    if (const Json* a = field(j, "applicant")) r.applicant = RegistryPerson::fromJson(*a, where + ".applicant");
    if (const Json* c = field(j, "coApplicant")) r.coApplicant = RegistryPerson::fromJson(*c, where + ".coApplicant");
    getString(j, "familySituation", r.familySituation, where);
    if (const Json* ms = field(j, "otherMembers")) {
        if (!ms->is_array()) typeError(where + ".otherMembers", "an array", *ms);
        for (std::size_t i = 0; i < ms->size(); ++i)
            r.otherMembers.push_back(
                HouseholdMember::fromJson((*ms)[i], where + ".otherMembers[" + std::to_string(i) + "]"));
    }
    if (const Json* a = field(j, "currentAddress"))
        r.currentAddress = RegistryAddress::fromJson(*a, where + ".currentAddress");
    getString(j, "currentHousing", r.currentHousing, where);
    getStringList(j, "requestedCommunes", r.requestedCommunes, where);
    if (const Json* ts = field(j, "typologies")) {
        if (!ts->is_array()) typeError(where + ".typologies", "an array", *ts);
        for (std::size_t i = 0; i < ts->size(); ++i) {
            const Json& t = (*ts)[i];
            int v = 0;
            if (t.is_number_integer())
                v = t.get<int>();
            else if (t.is_string()) {
                std::string s = t.get<std::string>();
                if (s.size() == 2 && (s[0] == 'T' || s[0] == 't') && s[1] >= '1' && s[1] <= '6') v = s[1] - '0';
            }
            if (v < 1 || v > 6)
                throw RegistryParseError(where + ".typologies[" + std::to_string(i) +
                                         "]: expected \"T1\"..\"T6\" or 1..6");
            r.typologies.push_back(v);
        }
        std::sort(r.typologies.begin(), r.typologies.end());
        r.typologies.erase(std::unique(r.typologies.begin(), r.typologies.end()), r.typologies.end());
    }
    getString(j, "motive", r.motive, where);
    getString(j, "priority", r.priority, where);
    if (!r.priority.empty() && r.priority != "DALO" && r.priority != "L441-1")
        throw RegistryParseError(where + ".priority: expected \"\", \"DALO\" or \"L441-1\", got \"" + r.priority +
                                 "\"");
    getStringList(j, "documents", r.documents, where);
    for (const std::string& d : r.documents)
        if (std::find(std::begin(kDocumentCategories), std::end(kDocumentCategories), d) ==
            std::end(kDocumentCategories))
            throw RegistryParseError(where + ".documents: unknown category \"" + d +
                                     "\" (identite, ressources, avis_imposition, motif)");
    return r;
}

std::vector<RegistryRequest> parseRegistryRequests(std::string_view jsonText) {
    Json j = Json::parse(jsonText.begin(), jsonText.end(), nullptr, false);
    if (j.is_discarded()) throw RegistryParseError("not valid JSON");
    const Json* list = &j;
    if (j.is_object()) {
        auto it = j.find("requests");
        if (it == j.end()) throw RegistryParseError("requests: missing (expected an array or {\"requests\": [...]})");
        list = &*it;
    }
    if (!list->is_array()) typeError("requests", "an array", *list);
    std::vector<RegistryRequest> out;
    out.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i)
        out.push_back(RegistryRequest::fromJson((*list)[i], "requests[" + std::to_string(i) + "]"));
    return out;
}

Json registryRequestsToJson(const std::vector<RegistryRequest>& requests) {
    Json list = Json::array();
    for (const auto& r : requests) list.push_back(r.toJson());
    return Json{{"requests", std::move(list)}};
}

// ====================================================================== the guide's examples
namespace {
std::string withNirKey(const std::string& body) {
    int key = nirKey(body);
    return body + pad(key, 2);
}
// Completes 13 digits with the Luhn check digit.
std::string withLuhnDigit(const std::string& body) {
    for (char c = '0'; c <= '9'; ++c)
        if (isLuhnValid(body + c)) return body + c;
    return body + '0';
}
}  // namespace

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
        a.nir = withNirKey("2890575114023");
        a.phone = "+33604505792";
        a.email = std::string(kGuideExamplePorteEmail);
        a.employment = "CDI";
        a.employerSiret = "82454114802432";
        a.employerName = "";  // the guide shows it empty: completed on AL'in (§3 panel 2)
        a.taxIncomeN2 = 24800;
        RegistryPerson c;
        c.civility = "Monsieur";
        c.lastName = c.birthName = "GIGI";
        c.firstName = "Denis";
        c.nationality = "Française";
        c.birthDate = "1987-02-11";
        c.birthPlaceCode = "69383";
        c.birthPlace = "Lyon 3e Arrondissement";
        c.nir = withNirKey("1870269383117");
        c.phone = "+33639980417";
        c.email = "denis.gigi@example.fr";
        c.employment = "CDI";
        c.employerSiret = withLuhnDigit("7913082750001");
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
        a.nir = withNirKey("1841193048052");
        a.phone = "+33639980001";
        a.email = std::string(kGuideExampleLegacyEmail);
        a.employment = "CDI";
        a.employerSiret = withLuhnDigit("4381526090002");
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

// Ceilings used only to shape the income distribution (2025 figures of
// docs/domain.md; the eligibility rules read assets/data/income_ceilings.json).
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

// Household category (arrêté du 29 juillet 1987, docs/domain.md).
int householdCategory(int persons, int adults, int dependants, bool couple, int coupleAges, bool disability) {
    int cat = persons;
    if (adults == 1 && dependants > 0) cat = persons + 1;
    if (persons == 2 && couple && dependants == 0) cat = coupleAges <= 55 ? 3 : 2;
    if (persons == 1) cat = 1;
    if (disability) ++cat;
    return cat;
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
        std::int64_t y;
        int m, d;
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
        siren = withLuhnDigit(siren);
        return withLuhnDigit(siren + "000" + std::to_string(rng_.range(1, 9)));
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
        return withNirKey(body);
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
        p.nationality = foreignNational ? std::string(origin->nationality) : "Française";
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
    const bool idf = std::find(std::begin(kIdfDepts), std::end(kIdfDepts), dep.code) != std::end(kIdfDepts);

    // Creation: ~28 % before the AL'in cut-over of 20/04/2021.
    const std::int64_t cutover = seedDays(kAlinCutoverDate);
    std::int64_t created = rng_.percent(28) ? rng_.range(seedDays("2017-06-01"), cutover - 1)
                                            : rng_.range(cutover, std::max(cutover, refDays_ - 7));
    r.createdOn = seedIso(created);
    std::int64_t cy;
    int cm, cd;
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
    SeedZone zone = seedZoneOf(firstWish->insee, firstWish->dept);
    const int zi = static_cast<int>(zone);
    const int persons = r.householdSize();
    const int adults =
        1 + (r.coApplicant ? 1 : 0) +
        static_cast<int>(std::count_if(r.otherMembers.begin(), r.otherMembers.end(), [](const HouseholdMember& m) {
            return !m.dependant && m.relation != "enfant";
        }));
    int coupleAges = 0;
    if (r.coApplicant)
        coupleAges = seedAgeOn(r.applicant.birthDate, seedIso(refDays_)) +
                     seedAgeOn(r.coApplicant->birthDate, seedIso(refDays_));
    const int category =
        householdCategory(persons, adults, r.dependants(), r.coApplicant.has_value(), coupleAges, r.anyDisability());
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

    // Wished typologies: within the guide's range for the household size.
    int lo, hi;
    if (persons == 1)
        lo = 1, hi = 2;
    else if (persons == 2)
        lo = 1, hi = 3;
    else if (persons == 3)
        lo = 2, hi = 4;
    else if (persons == 4)
        lo = 3, hi = 5;
    else
        lo = 4, hi = 6;
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

// ====================================================================== checks
std::vector<std::string> registryProblems(const RegistryRequest& r, const Geography& geo) {
    std::vector<std::string> p;
    const std::string& nu = r.numeroUnique;
    if (nu.size() != 18 ||
        !std::all_of(nu.begin(), nu.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }))
        p.push_back(tr("registry.problem.nu"));
    if (r.requestedCommunes.empty() || r.requestedCommunes.size() > 5)
        p.push_back(tr("registry.problem.communes_count"));
    for (const std::string& c : r.requestedCommunes)
        if (!geo.commune(c)) p.push_back(trf("registry.problem.commune_unknown", {c}));
    if (!r.currentAddress.insee.empty() && !geo.commune(r.currentAddress.insee))
        p.push_back(trf("registry.problem.address_commune_unknown", {r.currentAddress.insee}));
    for (int t : r.typologies)
        if (t < 1 || t > 6) p.push_back(tr("registry.problem.typology"));
    auto checkPerson = [&p](const RegistryPerson& x, const char* who) {
        std::string w = who;
        if (!x.nir.empty()) {
            if (!isValidNir(x.nir))
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
        if (!x.employerSiret.empty() && (x.employerSiret.size() != 14 || !isLuhnValid(x.employerSiret)))
            p.push_back(trf("registry.problem.siret", {w}));
    };
    checkPerson(r.applicant, tr("registry.problem.applicant"));
    if (r.coApplicant) checkPerson(*r.coApplicant, tr("registry.problem.co_applicant"));
    return p;
}

}  // namespace alin
