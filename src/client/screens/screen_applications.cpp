// "Mes candidatures" (guide §6): the active application with its position, its
// deadline, its status and the seven-step tracker; "Annuler cette candidature";
// the history of past applications.
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

std::string str(const Json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::vector<std::string> stepLabels() {
    std::vector<std::string> v;
    for (int i = 1; i <= 7; ++i) v.emplace_back(tr("ui.app.step" + std::to_string(i)));
    return v;
}

void DrawActive(AppState& s, const Json& a) {
    ApplicationsState& st = s.applications;
    const Json& offer = a.value("offer", Json::object());
    ui::Heading("app.active.title", str(offer, "title"), 2);
    ui::Paragraph(trf("ui.common.pair", {str(offer, "totalText"), str(offer, "landlord")}), ui::Tone::Mention);
    ui::Spacer(4);
    // Two different counts, each saying what it counts: every application made on
    // the offer, then the rank among those still being examined.
    ui::Paragraph(str(a, "positionText"));
    if (!str(a, "rankText").empty()) ui::Paragraph(str(a, "rankText"));
    if (ui::Link("app.rankingLink", tr("ui.app.ranking_link"), "#")) {
        st.showRanking = true;
        if (st.ranking.is_null()) st.rankingRequested = true;
    }
    ui::KeyValue(tr("ui.app.deadline"), str(a, "deadlineText"));
    ui::KeyValue(tr("ui.app.status"), str(a, "statusText"));
    ui::Spacer(8);
    // Built each frame (7 labels): a static copy would keep the first language shown.
    const std::vector<std::string> labels = stepLabels();
    ui::Stepper("app.tracker", tr("ui.app.tracker"), labels, a.value("step", 1), a.value("failed", false));
    ui::Spacer(8);
    bool canCancel = a.value("canCancel", false);
    if (ui::Button("app.cancel", tr("ui.app.cancel"), ui::ButtonKind::Secondary, !canCancel || st.busy))
        st.confirmCancel = true;
    if (!canCancel && !str(a, "cannotCancelReason").empty())
        ui::Paragraph(str(a, "cannotCancelReason"), ui::Tone::Mention, ui::fonts().small);
    const Json& events = a.value("events", Json::array());
    if (!events.empty()) {
        ui::Spacer(8);
        ui::Heading("app.events", tr("ui.app.events"), 2);
        for (const auto& e : events) ui::Paragraph(trf("ui.common.kv", {str(e, "atText"), str(e, "text")}));
    }
}

}  // namespace

bool Housed(const AppState& s) {
    const ApplicationsState& st = s.applications;
    return st.loaded && st.active.is_object() && str(st.active, "stage") == "lease_signed";
}

void DrawApplications(AppState& s) {
    ApplicationsState& st = s.applications;
    ui::BeginColumn(860);
    const bool housed = Housed(s);
    // After the lease is signed nothing is "en cours" any more.
    ui::Heading("applications.title", housed ? tr("ui.app.title_housed") : tr("ui.app.current"), 1);
    if (housed)
        ui::Notice("app.housed", tr("ui.app.housed"), ui::Tone::Success);
    else
        ui::Paragraph(tr("ui.app.intro"), ui::Tone::Mention);
    if (!st.notice.empty()) ui::Notice("app.notice", st.notice, ui::Tone::Success);
    if (!st.error.empty()) ui::Notice("app.error", st.error, ui::Tone::Error);
    if (!st.loaded) {
        ui::Paragraph(tr("app.loading"), ui::Tone::Mention);
    } else if (st.active.is_null()) {
        ui::Paragraph(tr("ui.applications.none"));
        ui::Paragraph(tr("ui.app.one_at_a_time"), ui::Tone::Mention);
        if (ui::Button("applications.offers", tr("ui.nav.offers"))) Navigate(s, Screen::Offers);
    } else {
        if (!housed) ui::Notice("app.rule", tr("ui.app.one_at_a_time"), ui::Tone::Normal);
        DrawActive(s, st.active);
    }
    if (st.loaded && !st.history.empty()) {
        ui::Spacer(16);
        ui::Heading("app.history", tr("ui.app.history"), 2);
        int i = 0;
        for (const auto& h : st.history) {
            const Json& offer = h.value("offer", Json::object());
            std::string id = "app.history" + std::to_string(i++);
            ui::Paragraph(trf("ui.common.dash_pair", {str(offer, "title"), str(h, "outcomeText")}), ui::Tone::Normal,
                          ui::fonts().bold);
            ui::Paragraph(str(h, "createdText"), ui::Tone::Mention, ui::fonts().small);
            ui::Spacer(4);
        }
    }
    ui::EndColumn();

    if (st.confirmCancel) {
        if (ui::BeginDialog("app.cancelDialog", tr("ui.app.cancel_title"))) {
            ui::Paragraph(tr("ui.app.cancel_body"));
            ui::Spacer(8);
            ui::BeginButtonGroup();
            if (ui::Button("app.cancelConfirm", tr("ui.app.cancel_confirm"))) {
                st.confirmCancel = false;
                st.cancel = true;
            }
            if (ui::Button("app.cancelKeep", tr("ui.app.cancel_keep"), ui::ButtonKind::Secondary) || ui::DialogEscape())
                st.confirmCancel = false;
            ui::EndButtonGroup();
            ui::EndDialog();
        }
    }
    if (st.showRanking) {
        if (ui::BeginDialog("app.rankingDialog", tr("ui.app.ranking_link"))) {
            if (st.ranking.is_null()) {
                ui::Paragraph(tr("app.loading"), ui::Tone::Mention);
            } else {
                for (const auto& p : st.ranking.value("paragraphs", Json::array()))
                    if (p.is_string()) ui::Paragraph(p.get<std::string>());
            }
            ui::Spacer(8);
            if (ui::Button("app.rankingClose", tr("banner.close")) || ui::DialogEscape()) st.showRanking = false;
            ui::EndDialog();
        }
    }
}

}  // namespace alin::client
