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
using mydata::list;
using mydata::num;
using mydata::str;

void DrawAccount(const Json& a) {
    ui::Heading("mydata.account", tr("mydata.account.title"), 2);
    ui::KeyValue(tr("mydata.account.birthName"), str(a, "birthName"));
    ui::KeyValue(tr("mydata.account.firstName"), str(a, "firstName"));
    ui::KeyValue(tr("mydata.account.email"), str(a, "email"));
    ui::KeyValue(tr("mydata.account.phone"), domain::formatFrenchPhone(str(a, "phone")));  // "06 04 50 57 92"
    if (!str(a, "organisation").empty()) ui::KeyValue(tr("mydata.account.organisation"), str(a, "organisation"));
    ui::KeyValue(tr("mydata.account.created"), dateOr(num(a, "createdAt"), "mydata.none"));
    ui::KeyValue(tr("mydata.account.consent"), dateOr(num(a, "consentAt"), "mydata.none"));
}

void DrawRequest(const Json& d) {
    ui::Heading("mydata.request", tr("mydata.request.title"), 2);
    const Json& f = d.value("requestFile", Json());
    if (!f.is_object()) {
        ui::Paragraph(tr("mydata.request.none"), ui::Tone::Mention);
        return;
    }
    ui::KeyValue(tr("mydata.request.nu"), str(f, "numeroUnique"));
    ui::KeyValue(tr("mydata.request.imported"), dateOr(num(f, "importedAt"), "mydata.none"));
    ui::KeyValue(tr("mydata.request.refreshed"), dateOr(num(f, "refreshedAt"), "mydata.none"));
    ui::KeyValue(tr("mydata.request.validated"), dateOr(num(f, "validatedAt"), "mydata.request.not_validated"));
    if (!str(f, "employerName").empty()) ui::KeyValue(tr("mydata.request.employer"), str(f, "employerName"));
    const Json& history = list(d, "requestHistory");
    ui::Paragraph(count("mydata.request.history", history.size()), ui::Tone::Mention);
    for (const Json& e : history) {
        const std::string event = str(e, "event");
        const std::string label = tr("mydata.history." + (event.empty() ? std::string("unknown") : event));
        ui::Paragraph(trf("mydata.dated", {domain::formatDate(num(e, "at")), label}), ui::Tone::Normal,
                      ui::fonts().small);
    }
}

void DrawSharing(const Json& d) {
    ui::Heading("mydata.sharing", tr("mydata.sharing.title"), 2);
    const Json& s = d.value("sharingChoices", Json::object());
    const int64_t current = num(s, "current");
    ui::KeyValue(tr("mydata.sharing.current"),
                 current >= 1 && current <= 3 ? tr("mydata.choice." + std::to_string(current)) : tr("mydata.none"));
    const Json& changes = list(s, "changes");
    ui::Paragraph(count("mydata.sharing.changes", changes.size()), ui::Tone::Mention);
    for (const Json& c : changes)
        ui::Paragraph(trf("mydata.dated",
                          {domain::formatDate(num(c, "at")), tr("mydata.choice." + std::to_string(num(c, "choice")))}),
                      ui::Tone::Normal, ui::fonts().small);
}

void DrawApplicationsSection(const Json& d) {
    ui::Heading("mydata.applications", tr("mydata.applications.title"), 2);
    const Json& apps = list(d, "applications");
    ui::Paragraph(count("mydata.applications.count", apps.size()), ui::Tone::Mention);
    for (const Json& a : apps) {
        ui::Paragraph(
            trf("mydata.applications.item", {std::to_string(num(a, "offerId")), tr("mydata.stage." + str(a, "stage"))}),
            ui::Tone::Normal, ui::fonts().bold);
        ui::Paragraph(trf("mydata.applications.dates",
                          {domain::formatDate(num(a, "createdAt")), count("mydata.events", list(a, "events").size())}),
                      ui::Tone::Mention, ui::fonts().small);
    }
}

void DrawMails(const Json& d) {
    ui::Heading("mydata.emails", tr("mydata.emails.title"), 2);
    const Json& mails = list(d, "emails");
    ui::Paragraph(count("mydata.emails.count", mails.size()), ui::Tone::Mention);
    for (const Json& m : mails)
        ui::Paragraph(trf("mydata.dated", {domain::formatDate(num(m, "createdAt")), str(m, "subject")}),
                      ui::Tone::Normal, ui::fonts().small);
}

void DrawMessagesSection(AppState& s, const Json& d) {
    ui::Heading("mydata.messages", tr("mydata.messages.title"), 2);
    const Json& messages = list(d, "messages");
    ui::Paragraph(count("mydata.messages.count", messages.size()), ui::Tone::Mention);
    for (const Json& m : messages) {
        ui::Paragraph(trf("mydata.dated", {domain::formatDate(num(m, "createdAt")), str(m, "subjectLabel")}),
                      ui::Tone::Normal, ui::fonts().small);
    }
    if (!messages.empty() && ui::Link("mydata.messagesOpen", tr("contact.title"), "#/mes-messages"))
        Navigate(s, Screen::Messages);
}

void DrawLogins(const Json& d) {
    ui::Heading("mydata.logins", tr("mydata.logins.title"), 2);
    const Json& logins = list(d, "logins");
    ui::Paragraph(count("mydata.logins.count", logins.size()), ui::Tone::Mention);
    for (const Json& l : logins) {
        std::string device = str(l, "device");
        if (device.empty()) device = tr("mydata.logins.unknown_device");
        if (device.size() > 90) {  // user agents are ASCII (the service keeps printable ASCII only)
            device.resize(87);
            device += "...";
        }
        ui::Paragraph(trf("mydata.dated", {domain::formatDateTime(num(l, "at")), device}), ui::Tone::Normal,
                      ui::fonts().small);
    }
}

void DrawDeleteDialog(AppState& s) {
    MyDataState& st = s.myData;
    if (!ui::BeginDialog("mydata.deleteDialog", tr("mydata.delete.dialog_title"), true)) return;
    ui::Paragraph(tr("mydata.delete.dialog_body"));
    const Json& apps = list(st.data, "applications");
    bool active = false;
    for (const Json& a : apps) active = active || (a.is_object() && a.value("active", false));
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
    if (!st.data.is_object()) {
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
    DrawAccount(st.data.value("account", Json::object()));
    ui::Spacer(12);
    DrawRequest(st.data);
    ui::Spacer(12);
    DrawSharing(st.data);
    ui::Spacer(12);
    DrawApplicationsSection(st.data);
    ui::Spacer(12);
    DrawMessagesSection(s, st.data);
    ui::Spacer(12);
    DrawMails(st.data);
    ui::Spacer(12);
    DrawLogins(st.data);
    ui::Spacer(12);
    ui::Heading("mydata.other", tr("mydata.other.title"), 2);
    const Json& alerts = list(st.data, "alerts");
    ui::Paragraph(count("mydata.alerts.count", alerts.size()), ui::Tone::Mention);
    for (const Json& a : alerts) ui::Paragraph(mydata::alertLine(a), ui::Tone::Normal, ui::fonts().small);
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
