#include "domain/ranking.h"

#include <charconv>

#include "domain/format.h"
#include "domain/utf8.h"
#include "i18n/catalog.h"

namespace alin::domain {
namespace {

std::string intText(int64_t v) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

const char* yesNo(bool v) {
    return tr(v ? "ranking.yes" : "ranking.no");
}

}  // namespace

bool hasEmployerSupport(int dataSharingChoice, std::string_view companyCode) {
    return (dataSharingChoice == 2 || dataSharingChoice == 3) && !utf8::trim(companyCode).empty();
}

RankingCriterion decidingCriterion(const RankingFacts& a, const RankingFacts& b) {
    if (a.prioritySituation != b.prioritySituation) return RankingCriterion::PrioritySituation;
    if (a.employerSupport != b.employerSupport) return RankingCriterion::EmployerSupport;
    if (a.requestCreatedAt != b.requestCreatedAt) return RankingCriterion::RequestSeniority;
    if (a.appliedAt != b.appliedAt) return RankingCriterion::ApplicationTime;
    return RankingCriterion::ApplicationId;
}

bool ranksBefore(const RankingFacts& a, const RankingFacts& b) {
    switch (decidingCriterion(a, b)) {
        case RankingCriterion::PrioritySituation:
            return a.prioritySituation;
        case RankingCriterion::EmployerSupport:
            return a.employerSupport;
        case RankingCriterion::RequestSeniority:
            return a.requestCreatedAt < b.requestCreatedAt;
        case RankingCriterion::ApplicationTime:
            return a.appliedAt < b.appliedAt;
        case RankingCriterion::ApplicationId:
            return a.applicationId < b.applicationId;
    }
    return false;
}

int rankOf(const RankingFacts& candidate, std::span<const RankingFacts> all) {
    int ahead = 0;
    for (const RankingFacts& other : all)
        if (ranksBefore(other, candidate)) ++ahead;
    return ahead + 1;
}

const char* rankingCriterionKey(RankingCriterion criterion) {
    switch (criterion) {
        case RankingCriterion::PrioritySituation:
            return "ranking.rule.priority";
        case RankingCriterion::EmployerSupport:
            return "ranking.rule.employer";
        case RankingCriterion::RequestSeniority:
            return "ranking.rule.seniority";
        case RankingCriterion::ApplicationTime:
            return "ranking.rule.applied_at";
        case RankingCriterion::ApplicationId:
            return "ranking.rule.id";
    }
    return "ranking.rule.unknown";
}

std::array<const char*, kRankingCriterionCount> rankingCriterionKeys() {
    std::array<const char*, kRankingCriterionCount> keys{};
    for (int i = 0; i < kRankingCriterionCount; ++i)
        keys[static_cast<std::size_t>(i)] = rankingCriterionKey(static_cast<RankingCriterion>(i));
    return keys;
}

std::vector<std::string> rankingRulesParagraphs() {
    std::vector<std::string> out{tr("ranking.how.intro")};
    int n = 0;
    for (const char* key : rankingCriterionKeys()) out.push_back(intText(++n) + ". " + tr(key));
    out.push_back(tr("ranking.how.outro"));
    return out;
}

std::string explainRanking(const RankingFacts& me, int rank, int total) {
    std::string out =
        trf(total <= 1 ? "ranking.explain.position_one" : "ranking.explain.position", {intText(rank), intText(total)});
    out.push_back(' ');
    out.append(trf("ranking.explain.priority", {yesNo(me.prioritySituation)}));
    out.push_back(' ');
    out.append(trf("ranking.explain.employer", {yesNo(me.employerSupport)}));
    out.push_back(' ');
    out.append(me.requestCreatedAt == kUnknownTime ? std::string(tr("ranking.explain.request_unknown"))
                                                   : trf("ranking.explain.request", {formatDate(me.requestCreatedAt)}));
    out.push_back(' ');
    out.append(me.appliedAt == kUnknownTime ? std::string(tr("ranking.explain.applied_unknown"))
                                            : trf("ranking.explain.applied", {formatDateTime(me.appliedAt)}));
    return out;
}

}  // namespace alin::domain
