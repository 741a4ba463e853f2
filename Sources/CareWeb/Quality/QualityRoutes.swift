import CareCases
import CareCore
import Vapor

/// How the co-op is doing, in figures without names: the page and `GET /api/v1/quality`.
enum QualityWeb: WebCapability {
  static let openAPI: String? = "quality"

  static func pages(_ r: PageRoutes) {
    r.get(.quality, QualityController.show)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.quality) { req async throws -> DTO.QualityOut in
      DTO.QualityOut(try await req.cases.quality(by: try await req.actor()))
    }
  }
}

extension DTO {
  /// The figures: each of the last weeks (this one last) and where the plan reviews stand.
  struct QualityOut: Content {
    struct Week: Content {
      let monday: String
      let people: Int
      let visits: Int
      let medianWorkers: Double?
      let mostWorkers: Int?
      let peopleSeeingFourOrFewer: Int
      let workersSent: Int
      let fromTheirTeam: Int
      let fromTheirTeamPercent: Int?
    }

    struct Reviews: Content {
      let overdue: Int
      let dueSoon: Int
      let later: Int
      let notSet: Int
    }

    struct ConcernsMonth: Content {
      let month: String
      let concerns: Int
      let suggestions: Int
      let compliments: Int
      let acknowledgedInTime: Int
      let outcomes: Int
      let meanDaysToOutcome: Int?
    }

    let today: String
    let weeks: [Week]
    let reviews: Reviews
    let concerns: [ConcernsMonth]

    init(_ m: QualityModel) {
      today = m.today.iso
      weeks = m.weeks.map {
        Week(
          monday: $0.monday.iso, people: $0.people, visits: $0.visits, medianWorkers: $0.medianWorkers,
          mostWorkers: $0.mostWorkers, peopleSeeingFourOrFewer: $0.people(seeingAtMost: 4),
          workersSent: $0.workersSent, fromTheirTeam: $0.fromTheirTeam, fromTheirTeamPercent: $0.fromTheirTeamPercent)
      }
      let r = m.reviews
      reviews = Reviews(overdue: r.overdue, dueSoon: r.dueSoon, later: r.later, notSet: r.notSet)
      concerns = m.concerns.map {
        ConcernsMonth(
          month: String($0.first.iso.prefix(7)), concerns: $0.raised[.concern] ?? 0,
          suggestions: $0.raised[.suggestion] ?? 0, compliments: $0.raised[.compliment] ?? 0,
          acknowledgedInTime: $0.acknowledgedInTime, outcomes: $0.outcomes, meanDaysToOutcome: $0.meanDaysToOutcome)
      }
    }
  }
}

enum QualityController {
  static func show(_ req: Request) async throws -> Response {
    let model = try await req.cases.quality(by: try await req.actor())
    return QualityPage(
      layout: req.layout("How the co-op is doing", crumbs: [.init(label: "Home", url: .home)]), model: model
    ).response()
  }
}
