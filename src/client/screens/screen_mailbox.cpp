// "Boîte mail de démonstration": the messages the service sent (outbox),
// with clickable links. Development and demo configurations only.
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"

namespace alin::client {

void DrawMailbox(AppState& s) {
    MailboxState& m = s.mailbox;
    ui::BeginColumn(720);
    ui::Heading("mailbox.title", tr("nav.mailbox"), 1);
    ui::Paragraph(tr("ui.mailbox.intro"), ui::Tone::Mention);
    ui::TextField("mailbox.address", tr("ui.mailbox.address"), m.address,
                  {.inputType = "email", .autocomplete = "email"});
    bool refresh = ui::Button("mailbox.refresh", tr("ui.mailbox.refresh"), ui::ButtonKind::Secondary, m.busy);
    if (ui::FieldSubmitted("mailbox.address")) refresh = true;
    if (refresh) m.refresh = true;
    ui::Spacer(8);
    if (!m.error.empty()) ui::Notice("mailbox.error", m.error, ui::Tone::Error);
    if (m.loaded && m.messages.empty() && m.error.empty()) ui::Paragraph(tr("ui.mailbox.empty"));
    int i = 0;
    for (const MailView& mail : m.messages) {
        std::string id = "mail" + std::to_string(i++);
        ui::Separator();
        ui::Spacer(8);
        ui::Heading(id + ".subject", mail.subject, 2);
        ui::Paragraph(trf("ui.mailbox.received", {mail.createdAt}), ui::Tone::Mention, ui::fonts().small);
        ui::Paragraph(mail.body);
        for (size_t k = 0; k < mail.codes.size(); ++k)
            ui::Paragraph(trf("ui.mailbox.code", {mail.codes[k]}), ui::Tone::Normal, ui::fonts().bold);
        for (size_t k = 0; k < mail.links.size(); ++k) {
            const auto& [label, url] = mail.links[k];
            // Links of the app itself open in place (same page, demo state kept).
            auto hash = url.find('#');
            std::string inApp = hash == std::string::npos ? std::string() : url.substr(hash);
            if (ui::Link(id + ".link" + std::to_string(k), label, inApp.empty() ? url : inApp)) {
                if (!inApp.empty()) {
                    s.navigateTo = parseRoute(inApp.substr(1));
                } else {
                    s.openExternal = url;
                }
            }
        }
        ui::Spacer(8);
    }
    ui::EndColumn();
}

}  // namespace alin::client
