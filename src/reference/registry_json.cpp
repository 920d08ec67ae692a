// JSON of the registry's requests (registry_types.h): the production reader of
// an operator upload (POST /api/v1/registry/requests) and of the stored
// snapshots, and the writer. Wrong types are errors that name the field.
#include <algorithm>
#include <string>
#include <utility>

#include "domain/dates.h"
#include "domain/numero_unique.h"
#include "reference/registry_types.h"

namespace alin {

using Json = nlohmann::json;

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
    if (!out.empty() && !domain::parseIsoDate(out))
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
                {"workplaceInsee", workplaceInsee},
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
    getString(j, "workplaceInsee", p.workplaceInsee, where);
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
    for (int t : typologies) {
        std::string label = "T";  // appended, not "T" + ...: GCC bug 105329 (see domain::typologyLabel)
        label += std::to_string(t);
        typos.push_back(std::move(label));
    }
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
    r.numeroUnique = domain::normalizeNumeroUnique(nu->get<std::string>());
    if (!domain::isNormalizedNumeroUnique(r.numeroUnique))
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

}  // namespace alin
