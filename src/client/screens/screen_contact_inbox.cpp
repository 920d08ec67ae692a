// The advisors' contact inbox (issue 14 part 2), a section of the
// professional space: the open messages, those waiting first and each group
// oldest first (the service's order); per message the answer field, "Envoyer
// la réponse" (e-mailed in the applicant's account language) and "Clôturer".
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "domain/format.h"
#include "i18n/catalog.h"

namespace alin::client {

void DrawContactInbox(AppState& s) {
    ContactState& st = s.contact;
    ui::Spacer(16);
    ui::Separator();
    ui::Heading("inbox.title", tr("inbox.title"), 1);
    ui::Paragraph(tr("inbox.intro"), ui::Tone::Mention);
    if (!st.inboxNotice.empty()) ui::Notice("inbox.notice", st.inboxNotice, ui::Tone::Success);
    if (!st.inboxError.empty()) ui::Notice("inbox.error", st.inboxError, ui::Tone::Error);
    if (ui::Button("inbox.reload", tr("inbox.reload"), ui::ButtonKind::Tertiary, st.inboxBusy)) st.inboxReload = true;
    if (!st.inbox) {
        ui::Paragraph(tr("app.loading"), ui::Tone::Mention);
        return;
    }
    if (st.inbox->empty()) ui::Paragraph(tr("inbox.empty"));
    for (const ContactMessageView& m : *st.inbox) {
        const int64_t id = m.id;
        const std::string ids = std::to_string(id);
        ui::Separator();
        ui::Heading("inbox.item" + ids,
                    trf("inbox.from", {m.applicantName, m.applicantEmail, domain::formatDate(m.createdAt)}), 2);
        ui::Paragraph(trf("inbox.subject", {m.subjectLabel}), ui::Tone::Normal, ui::fonts().bold);
        if (m.applicationId > 0)
            ui::Paragraph(trf("inbox.application", {std::to_string(m.applicationId)}), ui::Tone::Mention,
                          ui::fonts().small);
        ui::Paragraph(m.message, ui::Tone::Normal, nullptr, "inbox.item" + ids + ".text");
        if (m.status == "answered") {
            ui::Paragraph(trf("inbox.answered", {domain::formatDate(m.answeredAt)}), ui::Tone::Mention,
                          ui::fonts().bold);
            ui::Paragraph(m.answer, ui::Tone::Normal, nullptr, "inbox.item" + ids + ".answer");
        } else {
            std::string& answer = st.answers[id];
            const auto error = st.answerErrors.find(id);
            // Several lines, kept as typed (the applicant reads them as separate lines).
            ui::TextArea(
                "inbox.answer" + ids, tr("inbox.answer"), answer,
                {.error = error != st.answerErrors.end() ? std::string_view(error->second) : "", .required = true}, 4);
            if (ui::Button("inbox.send" + ids, st.inboxBusy ? tr("ui.common.wait") : tr("inbox.send"),
                           ui::ButtonKind::Primary, st.inboxBusy))
                st.inboxAction = ContactState::InboxAction{id, false, answer};
        }
        if (ui::Button("inbox.close" + ids, tr("inbox.close"), ui::ButtonKind::Secondary, st.inboxBusy))
            st.inboxAction = ContactState::InboxAction{id, true, {}};
        ui::Spacer(8);
    }
}

}  // namespace alin::client
