// "Mes alertes" (issue 14): the saved alerts (what each watches, how it tells:
// every offer or one summary a day), pause / resume, delete with a
// confirmation; and the page of the e-mails' unsubscribe link. Phones first:
// one column, buttons that wrap.
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"

namespace alin::client {

void DrawAlerts(AppState& s) {
    AlertsState& st = s.alerts;
    ui::BeginColumn(860);
    ui::Heading("alerts.title", tr("ui.alerts.title"), 1);
    ui::Paragraph(tr("ui.alerts.intro"), ui::Tone::Mention);
    if (!st.notice.empty()) ui::Notice("alerts.notice", st.notice, ui::Tone::Success);
    if (!st.error.empty()) ui::Notice("alerts.error", st.error, ui::Tone::Error);
    if (!st.loaded) {
        ui::Paragraph(tr("app.loading"), ui::Tone::Mention);
        ui::EndColumn();
        return;
    }
    if (st.list.empty()) {
        ui::Paragraph(tr("ui.alerts.none"));
        if (ui::Button("alerts.toOffers", tr("ui.alerts.go_offers"))) Navigate(s, Screen::Offers);
        ui::EndColumn();
        return;
    }
    int i = 0;
    for (const AlertView& a : st.list) {
        const int64_t id = a.id;
        const std::string key = "alerts.item" + std::to_string(i++);
        const bool paused = a.paused;
        const bool daily = a.frequency == "daily";
        ui::Spacer(8);
        ui::Heading(key + ".title", trf("ui.alerts.item", {a.createdText}), 2);
        ui::Paragraph(a.summary);
        ui::KeyValue(tr("ui.alerts.status"), tr(paused ? "ui.alerts.status_paused" : "ui.alerts.status_active"));
        ui::KeyValue(tr("ui.alerts.frequency"), daily ? trf("ui.alerts.frequency_daily", {std::to_string(a.digestHour)})
                                                      : tr("ui.alerts.frequency_immediate"));
        ui::BeginButtonGroup();
        if (ui::Button(key + ".pause", tr(paused ? "ui.alerts.resume" : "ui.alerts.pause"), ui::ButtonKind::Secondary,
                       st.busy))
            st.togglePause = id;
        if (ui::Button(key + ".frequency", tr(daily ? "ui.alerts.switch_immediate" : "ui.alerts.switch_daily"),
                       ui::ButtonKind::Secondary, st.busy))
            st.toggleFrequency = id;
        if (ui::Button(key + ".delete", tr("ui.alerts.delete"), ui::ButtonKind::Tertiary, st.busy))
            st.confirmRemove = id;
        ui::EndButtonGroup();
        ui::Separator();
    }
    ui::Spacer(8);
    if (ui::Button("alerts.toOffers", tr("ui.alerts.go_offers"), ui::ButtonKind::Secondary))
        Navigate(s, Screen::Offers);
    ui::EndColumn();

    if (st.confirmRemove != 0) {
        if (ui::BeginDialog("alerts.deleteDialog", tr("ui.alerts.delete_title"))) {
            ui::Paragraph(tr("ui.alerts.delete_body"));
            ui::Spacer(8);
            ui::BeginButtonGroup();
            if (ui::Button("alerts.deleteConfirm", tr("ui.alerts.delete_confirm"))) {
                st.remove = st.confirmRemove;
                st.confirmRemove = 0;
            }
            if (ui::Button("alerts.deleteKeep", tr("ui.alerts.delete_keep"), ui::ButtonKind::Secondary) ||
                ui::DialogEscape())
                st.confirmRemove = 0;
            ui::EndButtonGroup();
            ui::EndDialog();
        }
    }
}

void DrawAlertUnsubscribe(AppState& s) {
    AlertsState& st = s.alerts;
    ui::BeginColumn(640);
    ui::Heading("unsubscribe.title", tr("ui.alerts.unsubscribe_title"), 1);
    if (st.unsubscribeMessage.empty())
        ui::Paragraph(tr("ui.alerts.unsubscribe_working"), ui::Tone::Mention);
    else
        ui::Notice("unsubscribe.result", st.unsubscribeMessage,
                   st.unsubscribeDone ? ui::Tone::Success : ui::Tone::Error);
    if (s.user) {
        if (ui::Button("unsubscribe.manage", tr("ui.alerts.manage"), ui::ButtonKind::Secondary))
            Navigate(s, Screen::Alerts);
    } else if (ui::Button("unsubscribe.home", tr("ui.alerts.home"), ui::ButtonKind::Secondary)) {
        Navigate(s, Screen::Home);
    }
    ui::EndColumn();
}

}  // namespace alin::client
