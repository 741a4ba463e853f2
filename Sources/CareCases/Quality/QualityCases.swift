import CareCore
import CareStore
import Foundation

/// How the co-op is doing, in figures without names: continuity over the last weeks and where the plan
/// reviews stand — what the members check their co-op by, and what it shows the regulator and commissioners.
public struct QualityModel: Sendable {
  public let coop: Coop
  /// The last `Cases.qualityWeeks` weeks, this week last.
  public let weeks: [ContinuityWeek]
  public let reviews: ReviewsStanding
  /// Concerns, suggestions and compliments over the last three months (this one last), in numbers.
  public var concerns: [ConcernTrend.Month] = []
  public let today: Day
}

extension Cases {
  public static let qualityWeeks = 8

  public func quality(by requester: Requester) async throws -> QualityModel {
    let permit = try AccessPolicy.permit(requester, .viewQuality(coop: requester.coopID))
    guard let coop = try await store.coop(requester.coopID) else { throw CareError.notFound }
    let today = today
    let thisWeek = CoopCalendar.london.weekStart(of: today)
    let mondays = (0..<Self.qualityWeeks).reversed().map { thisWeek.adding(days: -7 * $0) }
    let visits = try await store.continuityVisits(permit: permit, from: mondays[0], through: thisWeek.adding(days: 6))
    let weeks = Continuity.weeks(visits, teams: try await store.chosenWorkers(permit: permit), mondays: mondays)
    let reviews = ReviewsStanding(dueDays: try await store.reviewDueDays(permit: permit), today: today)
    var model = QualityModel(coop: coop, weeks: weeks, reviews: reviews, today: today)
    if let raising = try? AccessPolicy.permit(requester, .raiseConcern(coop: requester.coopID)) {
      model.concerns = Array(try await store.concernTrend(through: today, permit: raising).months.suffix(3))
    }
    return model
  }
}
