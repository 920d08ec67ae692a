// "Mes données" (issue 14 part 3; the data notice promises "consulter,
// exporter et effacer vos données à tout moment"): each section of what is
// held about the signed-in person in readable French, "Télécharger mes
// données" (the JSON export; not on a shared terminal), and "Supprimer mon
// compte" with the password in a dialog.
#include "client/my_data_text.h"
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "domain/format.h"
#include "domain/validation.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

using mydata::count;
using mydata::dateOr;

void DrawAccount(const MyDataView::Account& a) {
    ui::Heading("mydata.account", tr("mydata.account.title"), 2);
    ui::KeyValue(tr("mydata.account.birthName"), a.birthName);
    ui::KeyValue(tr("mydata.account.firstName"), a.firstName);
    ui::KeyValue(tr("mydata.account.email"), a.email);
    ui::KeyValue(tr("mydata.account.phone"), domain::formatFrenchPhone(a.phone));  // "06 04 50 57 92"
    if (!a.organisation.empty()) ui::KeyValue(tr("mydata.account.organisation"), a.organisation);
    ui::KeyValue(tr("mydata.account.created"), dateOr(a.createdAt, "mydata.none"));
    ui::KeyValue(tr("mydata.account.consent"), dateOr(a.consentAt, "mydata.none"));
}

void DrawRequest(const MyDataView& d) {
    ui::Heading("mydata.request", tr("mydata.request.title"), 2);
    if (!d.request) {
        ui::Paragraph(tr("mydata.request.none"), ui::Tone::Mention);
        return;
    }
    const MyDataView::Request& f = *d.request;
    ui::KeyValue(tr("mydata.request.nu"), f.numeroUnique);
    ui::KeyValue(tr("mydata.request.imported"), dateOr(f.importedAt, "mydata.none"));
    ui::KeyValue(tr("mydata.request.refreshed"), dateOr(f.refreshedAt, "mydata.none"));
    ui::KeyValue(tr("mydata.request.validated"), dateOr(f.validatedAt, "mydata.request.not_validated"));
    if (!f.employerName.empty()) ui::KeyValue(tr("mydata.request.employer"), f.employerName);
    ui::Paragraph(count("mydata.request.history", d.requestHistory.size()), ui::Tone::Mention);
    for (const MyDataView::Dated& e : d.requestHistory) {
        const std::string label = tr("mydata.history." + (e.text.empty() ? std::string("unknown") : e.text));
        ui::Paragraph(trf("mydata.dated", {domain::formatDate(e.at), label}), ui::Tone::Normal, ui::fonts().small);
    }
}

void DrawSharing(const MyDataView& d) {
    ui::Heading("mydata.sharing", tr("mydata.sharing.title"), 2);
    const int64_t current = d.sharingCurrent;
    ui::KeyValue(tr("mydata.sharing.current"),
                 current >= 1 && current <= 3 ? tr("mydata.choice." + std::to_string(current)) : tr("mydata.none"));
    ui::Paragraph(count("mydata.sharing.changes", d.sharingChanges.size()), ui::Tone::Mention);
    for (const auto& [at, choice] : d.sharingChanges)
        ui::Paragraph(trf("mydata.dated", {domain::formatDate(at), tr("mydata.choice." + std::to_string(choice))}),
                      ui::Tone::Normal, ui::fonts().small);
}

void DrawApplicationsSection(const MyDataView& d) {
    ui::Heading("mydata.applications", tr("mydata.applications.title"), 2);
    ui::Paragraph(count("mydata.applications.count", d.applications.size()), ui::Tone::Mention);
    for (const MyDataView::Application& a : d.applications) {
        ui::Paragraph(trf("mydata.applications.item", {std::to_string(a.offerId), tr("mydata.stage." + a.stage)}),
                      ui::Tone::Normal, ui::fonts().bold);
        ui::Paragraph(
            trf("mydata.applications.dates", {domain::formatDate(a.createdAt), count("mydata.events", a.events)}),
            ui::Tone::Mention, ui::fonts().small);
    }
}

void DrawMails(const MyDataView& d) {
    ui::Heading("mydata.emails", tr("mydata.emails.title"), 2);
    ui::Paragraph(count("mydata.emails.count", d.emails.size()), ui::Tone::Mention);
    for (const MyDataView::Dated& m : d.emails)
        ui::Paragraph(trf("mydata.dated", {domain::formatDate(m.at), m.text}), ui::Tone::Normal, ui::fonts().small);
}

void DrawMessagesSection(AppState& s, const MyDataView& d) {
    ui::Heading("mydata.messages", tr("mydata.messages.title"), 2);
    ui::Paragraph(count("mydata.messages.count", d.messages.size()), ui::Tone::Mention);
    for (const MyDataView::Dated& m : d.messages)
        ui::Paragraph(trf("mydata.dated", {domain::formatDate(m.at), m.text}), ui::Tone::Normal, ui::fonts().small);
    if (!d.messages.empty() && ui::Link("mydata.messagesOpen", tr("contact.title"), "#/mes-messages"))
        Navigate(s, Screen::Messages);
}

void DrawLogins(const MyDataView& d) {
    ui::Heading("mydata.logins", tr("mydata.logins.title"), 2);
    ui::Paragraph(count("mydata.logins.count", d.logins.size()), ui::Tone::Mention);
    for (const MyDataView::Dated& l : d.logins) {
        std::string device = l.text;
        if (device.empty()) device = tr("mydata.logins.unknown_device");
        if (device.size() > 90) {  // user agents are ASCII (the service keeps printable ASCII only)
            device.resize(87);
            device += "...";
        }
        ui::Paragraph(trf("mydata.dated", {domain::formatDateTime(l.at), device}), ui::Tone::Normal, ui::fonts().small);
    }
}

void DrawDeleteDialog(AppState& s) {
    MyDataState& st = s.myData;
    if (!ui::BeginDialog("mydata.deleteDialog", tr("mydata.delete.dialog_title"), true)) return;
    ui::Paragraph(tr("mydata.delete.dialog_body"));
    bool active = false;
    for (const MyDataView::Application& a : st.data->applications) active = active || a.active;
    if (active) ui::Notice("mydata.deleteActive", tr("mydata.delete.active_warning"), ui::Tone::Error);
    if (!st.deleteErrors.general.empty()) ui::Notice("mydata.deleteError", st.deleteErrors.general, ui::Tone::Error);
    ui::TextField(
        "mydata.password", tr("mydata.delete.password"), st.password,
        {.inputType = "password", .autocomplete = "current-password", .error = st.deleteErrors.at("password")});
    ui::Spacer(8);
    ui::BeginButtonGroup();
    bool confirm = ui::Button("mydata.deleteConfirm", st.deleting ? tr("ui.common.wait") : tr("mydata.delete.confirm"),
                              ui::ButtonKind::Primary, st.deleting);
    if (ui::FieldSubmitted("mydata.password")) confirm = true;
    if (confirm && !st.deleting) st.doDelete = true;
    if (ui::Button("mydata.deleteKeep", tr("mydata.delete.keep"), ui::ButtonKind::Secondary) || ui::DialogEscape()) {
        st.confirmDelete = false;
        st.password.clear();
        st.deleteErrors.clear();
    }
    ui::EndButtonGroup();
    ui::EndDialog();
}

}  // namespace

void DrawMyData(AppState& s) {
    MyDataState& st = s.myData;
    ui::BeginColumn(860);
    ui::Heading("mydata.title", tr("mydata.title"), 1);
    ui::Paragraph(tr("mydata.intro"), ui::Tone::Mention);
    if (!st.error.empty()) ui::Notice("mydata.error", st.error, ui::Tone::Error);
    if (!st.data) {
        ui::Paragraph(tr("app.loading"), ui::Tone::Mention);
        ui::EndColumn();
        return;
    }
    // Export (RGPD article 20).
    if (s.kiosk) {
        ui::Notice("mydata.kiosk", tr("mydata.download.kiosk"), ui::Tone::Normal);
        ui::Notice("mydata.printKiosk", tr("mydata.print.kiosk"), ui::Tone::Normal);
    } else {
        if (ui::Button("mydata.download", tr("mydata.download"), ui::ButtonKind::Primary, false, ui::ColumnWidth()))
            st.download = true;
        if (st.downloaded) ui::Paragraph(tr("mydata.download.done"), ui::Tone::Mention, ui::fonts().small);
        ui::Spacer(4);
        // A canvas prints badly: a plain HTML version opens in a new tab (my_data_html.h).
        if (ui::Button("mydata.print", tr("mydata.print"), ui::ButtonKind::Secondary, false, ui::ColumnWidth()))
            st.print = true;
        if (st.printed) ui::Paragraph(tr("mydata.print.done"), ui::Tone::Mention, ui::fonts().small);
    }
    ui::Spacer(8);
    const MyDataView& d = *st.data;
    DrawAccount(d.account);
    ui::Spacer(12);
    DrawRequest(d);
    ui::Spacer(12);
    DrawSharing(d);
    ui::Spacer(12);
    DrawApplicationsSection(d);
    ui::Spacer(12);
    DrawMessagesSection(s, d);
    ui::Spacer(12);
    DrawMails(d);
    ui::Spacer(12);
    DrawLogins(d);
    ui::Spacer(12);
    ui::Heading("mydata.other", tr("mydata.other.title"), 2);
    ui::Paragraph(count("mydata.alerts.count", d.alertLines.size()), ui::Tone::Mention);
    for (const std::string& line : d.alertLines) ui::Paragraph(line, ui::Tone::Normal, ui::fonts().small);
    ui::Spacer(16);
    ui::Separator();
    ui::Spacer(12);
    ui::Heading("mydata.delete", tr("mydata.delete.title"), 2);
    ui::Paragraph(tr("mydata.delete.intro"));
    ui::Paragraph(tr("mydata.delete.kept"), ui::Tone::Mention);
    if (ui::Button("mydata.deleteOpen", tr("mydata.delete.title"), ui::ButtonKind::Secondary, false,
                   ui::ColumnWidth())) {
        st.confirmDelete = true;
        st.password.clear();
        st.deleteErrors.clear();
    }
    ui::EndColumn();
    if (st.confirmDelete) DrawDeleteDialog(s);
}

}  // namespace alin::client
