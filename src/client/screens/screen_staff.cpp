// The other side of an application (guide §6), behind their own logins:
// Action Logement advisor, landlord, employer. One screen, one section per role.
#include <map>

#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

std::string str(const Json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

const Json kEmptyArray = Json::array();

void act(StaffState& st, const std::string& path, Json body = Json::object()) {
    st.actionPath = "/api/v1/staff/" + path;
    st.actionBody = std::move(body);
}

void DrawAdvisor(AppState& s) {
    StaffState& st = s.staff;
    ui::Heading("staff.title", tr("ui.staff.advisor_title"), 1);
    ui::Paragraph(tr("ui.staff.advisor_intro"), ui::Tone::Mention);
    const Json& apps = st.data.value("applications", Json::array());
    if (apps.empty()) ui::Paragraph(tr("ui.staff.queue_empty"));
    // Grouped by offer, in the order the queue gives them.
    std::vector<int64_t> offerOrder;
    std::map<int64_t, std::vector<const Json*>> byOffer;
    for (const auto& a : apps) {
        int64_t oid = a.value("offer", Json::object()).value("id", int64_t{0});
        if (!byOffer.count(oid)) offerOrder.push_back(oid);
        byOffer[oid].push_back(&a);
    }
    for (int64_t oid : offerOrder) {
        const auto& list = byOffer[oid];
        const Json& offer = list.front()->value("offer", Json::object());
        std::string oidText = std::to_string(oid);
        ui::Separator();
        ui::Heading("staff.offer" + oidText, trf("ui.common.dash_pair", {str(offer, "title"), str(offer, "landlord")}),
                    2);
        int selectedCount = 0;
        for (const Json* ap : list) {
            const Json& a = *ap;
            int64_t id = a.value("id", int64_t{0});
            std::string ids = std::to_string(id);
            const Json& who = a.value("applicant", Json::object());
            ui::Paragraph(trf("ui.staff.candidate", {str(who, "name"), std::to_string(a.value("rank", 0)),
                                                     std::to_string(a.value("total", 0))}),
                          ui::Tone::Normal, ui::fonts().bold);
            const int persons = who.value("persons", 1);
            std::string facts = trf(
                "ui.staff.candidate_facts",
                {str(who, "nu"), trn("ui.staff.persons", persons, {std::to_string(persons)}), str(who, "incomeText")});
            if (!str(who, "priority").empty()) facts += trf("ui.staff.candidate_priority", {str(who, "priority")});
            ui::Paragraph(facts, ui::Tone::Mention, ui::fonts().small);
            ui::Paragraph(str(a, "statusText"));
            std::string stage = str(a, "stage");
            if (stage == "submitted") {
                if (ui::Button("staff.validate" + ids, tr("ui.staff.validate"), ui::ButtonKind::Primary, st.busy))
                    act(st, "applications/" + ids + "/validate");
                std::string& reason = st.reasons[id];
                ui::TextField("staff.reason" + ids, tr("ui.staff.reason"), reason, {});
                if (ui::Button("staff.invalidate" + ids, tr("ui.staff.invalidate"), ui::ButtonKind::Secondary, st.busy))
                    act(st, "applications/" + ids + "/invalidate", Json{{"reason", reason}});
            } else if (stage == "validated") {
                bool& sel = st.selected[id];
                ui::Checkbox("staff.select" + ids, tr("ui.staff.designate"), sel);
                if (sel) ++selectedCount;
            }
            ui::Spacer(8);
        }
        bool anyValidated = false;
        for (const Json* ap : list) anyValidated = anyValidated || str(*ap, "stage") == "validated";
        if (anyValidated) {
            bool ok = selectedCount >= 1 && selectedCount <= 3;
            if (ui::Button("staff.send" + oidText, trn("ui.staff.send", selectedCount, {std::to_string(selectedCount)}),
                           ui::ButtonKind::Primary, !ok || st.busy)) {
                Json idsJson = Json::array();
                for (const Json* ap : list) {
                    int64_t id = ap->value("id", int64_t{0});
                    if (st.selected[id]) idsJson.push_back(id);
                }
                act(st, "offers/" + oidText + "/send", Json{{"applicationIds", idsJson}});
            }
            if (selectedCount > 3) ui::Paragraph(tr("ui.staff.max_three"), ui::Tone::Error);
        }
    }
}

void DrawLandlord(AppState& s) {
    StaffState& st = s.staff;
    ui::Heading("staff.title", trf("ui.staff.landlord_title", {s.user->organisation}), 1);
    const Json& offers = st.data.value("offers", Json::array());
    if (offers.empty()) ui::Paragraph(tr("ui.staff.no_candidates"));
    const std::vector<std::string> decisions = {tr("ui.staff.decision.attribution"), tr("ui.staff.decision.ranked"),
                                                tr("ui.staff.decision.conditional"), tr("ui.staff.decision.none"),
                                                tr("ui.staff.decision.inadmissible")};
    static const std::vector<std::string> ranks = {"1", "2", "3"};
    static const char* decisionCodes[] = {"attribution", "attribution_ranked", "attribution_conditional",
                                          "non_attribution", "inadmissible"};
    for (const auto& o : offers) {
        std::string oid = std::to_string(o.value("id", int64_t{0}));
        ui::Separator();
        ui::Heading("staff.loffer" + oid, str(o, "title"), 2);
        for (const auto& c : o.value("candidates", Json::array())) {
            int64_t id = c.value("applicationId", int64_t{0});
            std::string ids = std::to_string(id);
            ui::Paragraph(trf("ui.common.dash_pair", {str(c, "name"), str(c, "statusText")}), ui::Tone::Normal,
                          ui::fonts().bold);
            std::string stage = str(c, "stage");
            if (stage == "sent_to_landlord") {
                // Step 4 (contact and visit) is optional: a free note the applicant
                // reads, or straight to the commission.
                std::string& note = st.reasons[id];
                ui::TextField("staff.note" + ids, tr("ui.staff.contact_note"), note,
                              {.hint = tr("ui.staff.contact_note_hint")});
                if (ui::Button("staff.contact" + ids, tr("ui.staff.contact"), ui::ButtonKind::Secondary, st.busy))
                    act(st, "applications/" + ids + "/contact",
                        Json{{"note", note.empty() ? std::string(tr("ui.staff.contact_default_note")) : note}});
                ImGui::SameLine();
                if (ui::Button("staff.skipToCommission" + ids, tr("ui.staff.commission"), ui::ButtonKind::Secondary,
                               st.busy))
                    act(st, "applications/" + ids + "/commission");
            } else if (stage == "landlord_contact") {
                if (ui::Button("staff.commission" + ids, tr("ui.staff.commission"), ui::ButtonKind::Secondary, st.busy))
                    act(st, "applications/" + ids + "/commission");
            } else if (stage == "commission") {
                int& d = st.decision[id];
                ui::ChipChoice("staff.decision" + ids, tr("ui.staff.decision"), decisions, d);
                // A ranked attribution names the candidate's rank (1 to 3) among those designated.
                int& rank = st.rank[id];
                if (d == 1) ui::ChipChoice("staff.rank" + ids, tr("ui.staff.rank"), ranks, rank);
                if (ui::Button("staff.decide" + ids, tr("ui.staff.record_decision"), ui::ButtonKind::Primary,
                               st.busy)) {
                    Json body{{"decision", decisionCodes[d]}};
                    if (d == 1) body["rank"] = rank + 1;
                    act(st, "applications/" + ids + "/decision", body);
                }
            } else if (stage == "decided" && c.value("canProvideDocument", false)) {
                // Attribution under condition: the missing document arrives first.
                if (ui::Button("staff.document" + ids, tr("ui.staff.document"), ui::ButtonKind::Secondary, st.busy))
                    act(st, "applications/" + ids + "/document");
            } else if (stage == "decided" && c.value("canSignLease", false)) {
                if (ui::Button("staff.lease" + ids, tr("ui.staff.lease"), ui::ButtonKind::Primary, st.busy))
                    act(st, "applications/" + ids + "/lease");
            }
            ui::Spacer(6);
        }
    }
}

void DrawEmployer(AppState& s) {
    StaffState& st = s.staff;
    ui::Heading("staff.title", trf("ui.staff.employer_title", {s.user->organisation}), 1);
    ui::Paragraph(tr("ui.staff.employer_intro"), ui::Tone::Mention);
    const Json& reqs = st.data.value("requests", Json::array());
    if (reqs.empty()) ui::Paragraph(tr("ui.staff.no_requests"));
    int i = 0;
    for (const auto& r : reqs) {
        ui::Separator();
        std::string id = "staff.req" + std::to_string(i++);
        ui::Heading(id, trf("ui.staff.choice", {std::to_string(r.value("choice", 0))}), 2);
        // The fields come in the server's order as {key, label, value}. Bind the
        // array by reference: items() of a temporary would dangle.
        const Json& fields = r.contains("fields") && r["fields"].is_array() ? r["fields"] : kEmptyArray;
        for (const Json& f : fields) ui::KeyValue(str(f, "label"), str(f, "value"));
        const Json& applications =
            r.contains("applications") && r["applications"].is_array() ? r["applications"] : kEmptyArray;
        for (const auto& a : applications)
            ui::Paragraph(trf("ui.staff.employee_application",
                              {str(a.value("offer", Json::object()), "title"), str(a, "statusText")}));
    }
}

}  // namespace

void DrawStaff(AppState& s) {
    StaffState& st = s.staff;
    ui::BeginColumn(960);
    if (!s.user || !s.user->staff()) {
        ui::Heading("staff.denied", tr("ui.staff.denied"), 1);
        ui::EndColumn();
        return;
    }
    if (!st.notice.empty()) ui::Notice("staff.notice", st.notice, ui::Tone::Success);
    if (!st.error.empty()) ui::Notice("staff.error", st.error, ui::Tone::Error);
    if (ui::Button("staff.reload", tr("ui.staff.reload"), ui::ButtonKind::Tertiary, st.busy)) st.reload = true;
    if (!st.data.is_object()) {
        // Json::value() throws on null: nothing is drawn from the data before it arrives.
        ui::Paragraph(tr("app.loading"), ui::Tone::Mention);
    } else if (s.user->role == domain::Role::Advisor) {
        DrawAdvisor(s);
    } else if (s.user->role == domain::Role::Landlord) {
        DrawLandlord(s);
    } else {
        DrawEmployer(s);
    }
    // Advisors answer the contact form's messages too (screen_contact_inbox.cpp).
    if (s.user->role == domain::Role::Advisor) DrawContactInbox(s);
    ui::EndColumn();
}

}  // namespace alin::client
