// The other side of an application (guide §6), behind their own logins:
// Action Logement advisor, landlord, employer. One screen, one section per role.
#include <map>

#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

using Kind = StaffAction::Kind;

void act(StaffState& st, Kind kind, int64_t id, std::string text = {}) {
    StaffAction a;
    a.kind = kind;
    a.id = id;
    a.text = std::move(text);
    st.action = std::move(a);
}

void DrawAdvisor(AppState& s) {
    StaffState& st = s.staff;
    ui::Heading("staff.title", tr("ui.staff.advisor_title"), 1);
    ui::Paragraph(tr("ui.staff.advisor_intro"), ui::Tone::Mention);
    const std::vector<StaffApplicationView>& apps = st.data->applications;
    if (apps.empty()) ui::Paragraph(tr("ui.staff.queue_empty"));
    // Grouped by offer, in the order the queue gives them.
    std::vector<int64_t> offerOrder;
    std::map<int64_t, std::vector<const StaffApplicationView*>> byOffer;
    for (const StaffApplicationView& a : apps) {
        if (!byOffer.count(a.offerId)) offerOrder.push_back(a.offerId);
        byOffer[a.offerId].push_back(&a);
    }
    for (int64_t oid : offerOrder) {
        const auto& list = byOffer[oid];
        const StaffApplicationView& first = *list.front();
        std::string oidText = std::to_string(oid);
        ui::Separator();
        ui::Heading("staff.offer" + oidText, trf("ui.common.dash_pair", {first.offerTitle, first.offerLandlord}), 2);
        int selectedCount = 0;
        for (const StaffApplicationView* ap : list) {
            const StaffApplicationView& a = *ap;
            const int64_t id = a.id;
            std::string ids = std::to_string(id);
            const StaffApplicantView& who = a.applicant;
            ui::Paragraph(trf("ui.staff.candidate", {who.name, std::to_string(a.rank), std::to_string(a.total)}),
                          ui::Tone::Normal, ui::fonts().bold);
            const int persons = who.persons;
            std::string facts =
                trf("ui.staff.candidate_facts",
                    {who.nu, trn("ui.staff.persons", persons, {std::to_string(persons)}), who.incomeText});
            if (!who.priority.empty()) facts += trf("ui.staff.candidate_priority", {who.priority});
            ui::Paragraph(facts, ui::Tone::Mention, ui::fonts().small);
            ui::Paragraph(a.statusText);
            if (a.stage == "submitted") {
                if (ui::Button("staff.validate" + ids, tr("ui.staff.validate"), ui::ButtonKind::Primary, st.busy))
                    act(st, Kind::Validate, id);
                std::string& reason = st.reasons[id];
                ui::TextField("staff.reason" + ids, tr("ui.staff.reason"), reason, {});
                if (ui::Button("staff.invalidate" + ids, tr("ui.staff.invalidate"), ui::ButtonKind::Secondary, st.busy))
                    act(st, Kind::Invalidate, id, reason);
            } else if (a.stage == "validated") {
                bool& sel = st.selected[id];
                ui::Checkbox("staff.select" + ids, tr("ui.staff.designate"), sel);
                if (sel) ++selectedCount;
            }
            ui::Spacer(8);
        }
        bool anyValidated = false;
        for (const StaffApplicationView* ap : list) anyValidated = anyValidated || ap->stage == "validated";
        if (anyValidated) {
            bool ok = selectedCount >= 1 && selectedCount <= 3;
            if (ui::Button("staff.send" + oidText, trn("ui.staff.send", selectedCount, {std::to_string(selectedCount)}),
                           ui::ButtonKind::Primary, !ok || st.busy)) {
                StaffAction send;
                send.kind = Kind::Send;
                send.id = oid;
                for (const StaffApplicationView* ap : list)
                    if (st.selected[ap->id]) send.applicationIds.push_back(ap->id);
                st.action = std::move(send);
            }
            if (selectedCount > 3) ui::Paragraph(tr("ui.staff.max_three"), ui::Tone::Error);
        }
    }
}

void DrawLandlord(AppState& s) {
    StaffState& st = s.staff;
    ui::Heading("staff.title", trf("ui.staff.landlord_title", {s.user->organisation}), 1);
    const std::vector<StaffOfferView>& offers = st.data->offers;
    if (offers.empty()) ui::Paragraph(tr("ui.staff.no_candidates"));
    const std::vector<std::string> decisions = {tr("ui.staff.decision.attribution"), tr("ui.staff.decision.ranked"),
                                                tr("ui.staff.decision.conditional"), tr("ui.staff.decision.none"),
                                                tr("ui.staff.decision.inadmissible")};
    static const std::vector<std::string> ranks = {"1", "2", "3"};
    static const char* decisionCodes[] = {"attribution", "attribution_ranked", "attribution_conditional",
                                          "non_attribution", "inadmissible"};
    for (const StaffOfferView& o : offers) {
        std::string oid = std::to_string(o.id);
        ui::Separator();
        ui::Heading("staff.loffer" + oid, o.title, 2);
        for (const StaffCandidateView& c : o.candidates) {
            const int64_t id = c.applicationId;
            std::string ids = std::to_string(id);
            ui::Paragraph(trf("ui.common.dash_pair", {c.name, c.statusText}), ui::Tone::Normal, ui::fonts().bold);
            const std::string& stage = c.stage;
            if (stage == "sent_to_landlord") {
                // Step 4 (contact and visit) is optional: a free note the applicant
                // reads, or straight to the commission.
                std::string& note = st.reasons[id];
                ui::TextField("staff.note" + ids, tr("ui.staff.contact_note"), note,
                              {.hint = tr("ui.staff.contact_note_hint")});
                if (ui::Button("staff.contact" + ids, tr("ui.staff.contact"), ui::ButtonKind::Secondary, st.busy))
                    act(st, Kind::Contact, id, note.empty() ? std::string(tr("ui.staff.contact_default_note")) : note);
                ImGui::SameLine();
                if (ui::Button("staff.skipToCommission" + ids, tr("ui.staff.commission"), ui::ButtonKind::Secondary,
                               st.busy))
                    act(st, Kind::Commission, id);
            } else if (stage == "landlord_contact") {
                if (ui::Button("staff.commission" + ids, tr("ui.staff.commission"), ui::ButtonKind::Secondary, st.busy))
                    act(st, Kind::Commission, id);
            } else if (stage == "commission") {
                int& d = st.decision[id];
                ui::ChipChoice("staff.decision" + ids, tr("ui.staff.decision"), decisions, d);
                // A ranked attribution names the candidate's rank (1 to 3) among those designated.
                int& rank = st.rank[id];
                if (d == 1) ui::ChipChoice("staff.rank" + ids, tr("ui.staff.rank"), ranks, rank);
                if (ui::Button("staff.decide" + ids, tr("ui.staff.record_decision"), ui::ButtonKind::Primary,
                               st.busy)) {
                    StaffAction decide;
                    decide.kind = Kind::Decision;
                    decide.id = id;
                    decide.decision = decisionCodes[d];
                    decide.rank = rank + 1;
                    st.action = std::move(decide);
                }
            } else if (stage == "decided" && c.canProvideDocument) {
                // Attribution under condition: the missing document arrives first.
                if (ui::Button("staff.document" + ids, tr("ui.staff.document"), ui::ButtonKind::Secondary, st.busy))
                    act(st, Kind::Document, id);
            } else if (stage == "decided" && c.canSignLease) {
                if (ui::Button("staff.lease" + ids, tr("ui.staff.lease"), ui::ButtonKind::Primary, st.busy))
                    act(st, Kind::Lease, id);
            }
            ui::Spacer(6);
        }
    }
}

void DrawEmployer(AppState& s) {
    StaffState& st = s.staff;
    ui::Heading("staff.title", trf("ui.staff.employer_title", {s.user->organisation}), 1);
    ui::Paragraph(tr("ui.staff.employer_intro"), ui::Tone::Mention);
    const std::vector<StaffRequestView>& reqs = st.data->requests;
    if (reqs.empty()) ui::Paragraph(tr("ui.staff.no_requests"));
    int i = 0;
    for (const StaffRequestView& r : reqs) {
        ui::Separator();
        std::string id = "staff.req" + std::to_string(i++);
        ui::Heading(id, trf("ui.staff.choice", {std::to_string(r.choice)}), 2);
        // The fields in the server's order.
        for (const auto& [label, value] : r.fields) ui::KeyValue(label, value);
        for (const auto& [title, status] : r.applications)
            ui::Paragraph(trf("ui.staff.employee_application", {title, status}));
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
    if (!st.data) {
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
