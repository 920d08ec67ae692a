// The request file's reply (docs/request-file-api.md) as the screens show it.
#include <stdexcept>

#include "client/views.h"

namespace alin::client {

using reply::array;
using reply::flag;
using reply::integer;
using reply::object;
using reply::text;

namespace {

std::optional<PersonView> PersonFromJson(const Json& reg, const char* key) {
    if (!reg.contains(key) || !reg[key].is_object()) return std::nullopt;
    const Json& p = reg[key];
    return PersonView{text(p, "civility"),  text(p, "nationality"), text(p, "lastName"),
                      text(p, "firstName"), text(p, "nir"),         text(p, "birthDate"),
                      text(p, "phone"),     text(p, "email"),       text(p, "employerSiret")};
}

EligibilityView EligibilityFromJson(const Json& e) {
    EligibilityView v;
    for (const Json& c : array(e, "communes")) {
        if (!v.communes.empty()) v.communes += ", ";
        v.communes += text(c, "name") + " (" + text(c, "insee") + ")";
    }
    const Json& table = object(e, "table");
    v.summary = text(table, "summary");
    v.incomeHeader = text(table, "incomeHeader");
    for (const Json& zone : array(table, "zones")) {
        EligibilityZoneView z;
        z.label = text(zone, "label");
        for (const Json& row : array(zone, "rows"))
            z.rows.push_back(
                {flag(row, "eligible"), text(row, "loan"), text(row, "ceilingText"), text(row, "incomeText")});
        v.zones.push_back(std::move(z));
    }
    for (const Json& loan : array(table, "loans")) v.loans.push_back(text(loan, "text"));
    // The per-loan income lines (between the first line and the last two) are the table.
    const Json& sentences = array(e, "sentences");
    const std::size_t n = sentences.size();
    const bool hasTable = table.contains("zones");
    for (std::size_t i = 0; i < n; ++i) {
        const bool incomeLine = hasTable && i > 0 && i + 2 < n;
        if (!incomeLine && sentences[i].is_string()) v.sentences.push_back(sentences[i].get<std::string>());
    }
    return v;
}

}  // namespace

std::string RequestFileView::registrySiret(const std::string& person) const {
    const std::optional<PersonView>& p = person == "coApplicant" ? coApplicant : applicant;
    return p ? p->employerSiret : std::string();
}

RequestFileView RequestFileFromJson(const Json& f) {
    if (!f.is_object()) throw std::runtime_error("reply: the request file is not an object");
    RequestFileView v;
    v.numeroUnique = text(f, "numeroUnique");
    v.createdOn = text(f, "createdOn");
    v.validated = flag(f, "validated");
    v.step = static_cast<int>(integer(f, "step", 1));
    if (f.contains("refreshedAt") && f["refreshedAt"].is_number()) v.refreshedAt = f["refreshedAt"].get<int64_t>();
    v.registrationSiteUrl = text(object(f, "registrationSite"), "url");

    const Json& reg = object(f, "registry");
    v.applicant = PersonFromJson(reg, "applicant");
    v.coApplicant = PersonFromJson(reg, "coApplicant");
    v.familySituation = text(reg, "familySituation");
    const Json& addr = object(reg, "currentAddress");
    v.address = text(addr, "street") + ", " + text(addr, "postcode") + " " + text(addr, "commune");
    v.currentHousing = text(reg, "currentHousing");
    for (const Json& t : array(reg, "typologies")) {
        if (!v.typologies.empty()) v.typologies += ", ";
        // The registry holds "T2", "T3" as text (numbers in older snapshots).
        if (t.is_string())
            v.typologies += t.get<std::string>();
        else if (t.is_number_integer())
            v.typologies += "T" + std::to_string(t.get<int>());
    }
    v.motive = text(reg, "motive");

    const Json& hh = object(f, "household");
    v.persons = static_cast<int>(integer(hh, "persons", 1));
    v.dependants = static_cast<int>(integer(hh, "dependants", 0));
    v.eligibility = EligibilityFromJson(object(f, "eligibility"));

    const Json& alin = object(f, "alin");
    v.employerName = text(alin, "employerName");
    v.companyCode = text(alin, "companyCode");
    v.matricule = text(alin, "matricule");
    v.hireDate = text(alin, "hireDate");
    v.cdii = text(alin, "cdii");
    v.attachTo = text(alin, "attachTo");
    v.employerSiret = text(alin, "employerSiret");
    v.sharingChoice = static_cast<int>(integer(alin, "sharingChoice", 0));
    v.employerValidated = flag(alin, "employerValidated");
    for (const Json& opt : array(alin, "attachOptions")) {
        const std::string value = text(opt, "value");
        const std::string name = text(opt, "name");
        v.attachOptions.push_back({value, name.empty() && !opt.contains("name") ? value : name});
    }

    const Json& docs = object(f, "documents");
    const char* keys[4] = {"identite", "ressources", "avis_imposition", "motif"};
    for (int i = 0; i < 4; ++i) v.documents[i] = flag(docs, keys[i]);

    const Json& res = object(f, "resources");
    v.resources.declared = flag(res, "declared");
    v.resources.monthlyResourcesCents = integer(res, "monthlyResourcesCents");
    v.resources.housingAidCents = integer(res, "housingAidCents");
    v.resources.monthlyResourcesText = text(res, "monthlyResourcesText");
    v.resources.housingAidText = text(res, "housingAidText");
    v.resources.simulatorUrl = text(res, "simulatorUrl");
    v.resources.declaredOnText = text(res, "declaredOnText");
    return v;
}

}  // namespace alin::client
