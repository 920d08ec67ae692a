// Order of the applications to one offer. AL'in's own rule is in its terms of
// use, which we do not have (guide §6); ours is explicit, deterministic and shown
// to the applicant ("Comment est calculée ma position ?"). Criteria, in order:
//   1. priority situation first (DALO, priorities of CCH L441-1);
//   2. then employer support: data-sharing choice 2 or 3 with a company code;
//   3. then seniority of the social-housing request (Numéro Unique date, older first);
//   4. then the application date and time (earlier first);
//   5. then the application id (smaller first), so that no two applications tie.
// Pure functions, no I/O.
#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace alin::domain {

// An unknown date sorts after every known one.
inline constexpr int64_t kUnknownTime = std::numeric_limits<int64_t>::max();

struct RankingFacts {
    bool prioritySituation = false;           // DALO or CCH L441-1 priority
    bool employerSupport = false;             // see hasEmployerSupport
    int64_t requestCreatedAt = kUnknownTime;  // Unix seconds: creation of the request (its Numéro Unique)
    int64_t appliedAt = kUnknownTime;         // Unix seconds: "Je postule"
    int64_t applicationId = 0;
};

// Data-sharing choice 2 or 3 (the employer sees the request) and a company code
// that is not blank. Choice 1 is anonymous: "pas de points entreprise".
bool hasEmployerSupport(int dataSharingChoice, std::string_view companyCode);

enum class RankingCriterion : std::uint8_t {
    PrioritySituation,
    EmployerSupport,
    RequestSeniority,
    ApplicationTime,
    ApplicationId,
};
inline constexpr int kRankingCriterionCount = 5;

// Strict weak ordering (a total order when ids differ): true when `a` is ranked ahead of `b`.
bool ranksBefore(const RankingFacts& a, const RankingFacts& b);
struct RanksBefore {
    bool operator()(const RankingFacts& a, const RankingFacts& b) const { return ranksBefore(a, b); }
};
// The first criterion on which a and b differ (ApplicationId when they are equal on all).
RankingCriterion decidingCriterion(const RankingFacts& a, const RankingFacts& b);

// 1-based position of `candidate` among `all` (which may or may not contain it):
// 1 + the number of applications ranked ahead. O(n), no allocation.
int rankOf(const RankingFacts& candidate, std::span<const RankingFacts> all);

// Catalogue keys of the criteria as listed to the applicant, in order.
const char* rankingCriterionKey(RankingCriterion criterion);
std::array<const char*, kRankingCriterionCount> rankingCriterionKeys();
// "Comment est calculée ma position ?" (title: "ranking.how.title"): the
// introduction, the numbered criteria ("1. les situations prioritaires ..."), the
// conclusion, one paragraph each.
std::vector<std::string> rankingRulesParagraphs();
// The applicant's own figures: "Votre position : 3 sur 99 candidatures. Situation
// prioritaire (DALO, L441-1) : non. Soutien de votre employeur : oui. Demande de
// logement social enregistrée le 12/03/2021. Candidature déposée le 05/10/2025 à 14:05."
std::string explainRanking(const RankingFacts& me, int rank, int total);

}  // namespace alin::domain
