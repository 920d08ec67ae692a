#include "i18n/pages.h"

namespace alin::i18n {

const std::vector<InfoPage>& infoPages() {
    static const std::vector<InfoPage> pages = {
        {"mentions-legales",
         "page.legal.title",
         {
             {"page.legal.publisher.h", {"page.legal.publisher.p1", "page.legal.publisher.p2"}},
             {"page.legal.host.h", {"page.legal.host.p1"}},
             {"page.legal.purpose.h", {"page.legal.purpose.p1"}},
             {"page.legal.ip.h", {"page.legal.ip.p1"}},
             {"page.legal.links.h", {"page.legal.links.p1"}},
         }},
        {"accessibilite",
         "page.a11y.title",
         {
             {"", {"page.a11y.intro.p1"}},
             {"page.a11y.state.h", {"page.a11y.state.p1"}},
             {"page.a11y.tests.h",
              {"page.a11y.tests.p1", "page.a11y.tests.p2", "page.a11y.tests.p3", "page.a11y.tests.p4"}},
             {"page.a11y.tech.h", {"page.a11y.tech.p1"}},
             {"page.a11y.issues.h", {"page.a11y.issues.p1", "page.a11y.issues.p2", "page.a11y.issues.p3"}},
             {"page.a11y.report.h", {"page.a11y.report.p1"}},
             {"page.a11y.recourse.h",
              {"page.a11y.recourse.p1", "page.a11y.recourse.p2", "page.a11y.recourse.p3", "page.a11y.recourse.p4"}},
         }},
        // The notice of the sign-up form ("J'ai compris et j'accepte l'utilisation de mes données personnelles").
        {"donnees-personnelles",
         "ui.title.data_protection",
         {
             {"page.data.what.h", {"page.data.what.p1", "page.data.what.p2", "page.data.what.p3"}},
             {"page.data.why.h", {"ui.data.p1", "page.data.why.p2", "page.data.why.p3", "page.data.why.p4"}},
             {"page.data.who.h", {"page.data.who.p1"}},
             {"page.data.how_long.h", {"page.data.how_long.p1"}},
             {"page.data.rights.h", {"page.data.rights.p1", "ui.data.p3", "page.data.rights.p2"}},
             {"page.data.dpo.h", {"page.data.dpo.p1", "page.data.dpo.p2"}},
         }},
        {"cookies",
         "page.cookies.title",
         {
             {"page.cookies.session.h", {"page.cookies.session.p1", "page.cookies.session.p2"}},
             {"page.cookies.none.h", {"page.cookies.none.p1"}},
             {"page.cookies.storage.h", {"page.cookies.storage.p1"}},
         }},
        // The ranking rule is the domain's own wording (src/domain/ranking.cpp), as the
        // applicant sees it under "Comment est calculée ma position ?".
        {"cgu",
         "page.terms.title",
         {
             {"page.terms.object.h", {"page.terms.object.p1"}},
             {"page.terms.access.h", {"page.terms.access.p1", "page.terms.access.p2"}},
             {"page.terms.account.h", {"page.terms.account.p1"}},
             {"page.terms.apply.h", {"page.terms.apply.p1", "page.terms.apply.p2"}},
             {"page.terms.ranking.h",
              {"ranking.how.intro", "ranking.rule.priority", "ranking.rule.employer", "ranking.rule.seniority",
               "ranking.rule.applied_at", "ranking.rule.id", "ranking.how.outro"}},
             {"page.terms.commitments.h", {"page.terms.commitments.p1"}},
             {"page.terms.changes.h", {"page.terms.changes.p1"}},
         }},
        {"contact",
         "page.contact.title",
         {
             {"page.contact.phone.h", {"page.contact.phone.p1", "page.contact.phone.p2"}},
             {"page.contact.before.h", {"page.contact.before.p1", "page.contact.before.p2"}},
         }},
    };
    return pages;
}

const InfoPage* findInfoPage(std::string_view slug) {
    for (const InfoPage& p : infoPages())
        if (p.slug == slug) return &p;
    return nullptr;
}

const std::vector<HelpEntry>& helpEntries() {
    static const std::vector<HelpEntry> entries = {
        {"numero-unique", "help.q.numero_unique", {"help.a.numero_unique.1", "help.a.numero_unique.2"}},
        {"code-de-securite", "help.q.code", {"help.a.code.1", "help.a.code.2"}},
        {"trois-volets", "help.q.panels", {"help.a.panels.1", "help.a.panels.2", "help.a.panels.3"}},
        {"partage-des-donnees", "help.q.sharing", {"help.a.sharing.1", "help.a.sharing.2", "help.a.sharing.3"}},
        {"pieces-justificatives", "help.q.documents", {"help.a.documents.1", "help.a.documents.2"}},
        {"onglets-des-offres", "help.q.tabs", {"help.a.tabs.1", "help.a.tabs.2"}},
        {"une-candidature-a-la-fois", "help.q.single", {"help.a.single.1", "help.a.single.2"}},
        {"annuler-ma-candidature", "help.q.cancel", {"help.a.cancel.1"}},
        {"sept-etapes", "help.q.steps", {"help.a.steps.1", "help.a.steps.2"}},
        {"classement", "help.q.ranking", {"help.a.ranking.1", "help.a.ranking.2"}},
        {"mettre-a-jour", "help.q.update", {"help.a.update.1", "help.a.update.2"}},
        {"mot-de-passe", "help.q.password", {"help.a.password.1"}},
    };
    return entries;
}

const HelpEntry* findHelpEntry(std::string_view slug) {
    for (const HelpEntry& e : helpEntries())
        if (e.slug == slug) return &e;
    return nullptr;
}

const std::vector<TutorialStep>& tutorialSteps() {
    static const std::vector<TutorialStep> steps = {
        {"tuto.s1.h", "tuto.s1.p"}, {"tuto.s2.h", "tuto.s2.p"}, {"tuto.s3.h", "tuto.s3.p"},
        {"tuto.s4.h", "tuto.s4.p"}, {"tuto.s5.h", "tuto.s5.p"}, {"tuto.s6.h", "tuto.s6.p"},
    };
    return steps;
}

}  // namespace alin::i18n
