import CareCases
import CareCore
import Vapor

/// The week of care: the rota keeper's week (plan, progress, stop, publish), who is coming to a person,
/// a worker's own week; the same in the API.
enum WeekWeb: WebCapability {
  static let openAPI: String? = "week"

  static func pages(_ r: PageRoutes) {
    r.get(.circleWeek(.key), WeekController.circleWeek)
    r.get(.circleWeekProgress(.key), WeekController.progress)
    r.post(.circleWeekPlan(.key), WeekController.plan)
    r.post(.circleWeekStop(.key), WeekController.stop)
    r.post(.circleWeekPublish(.key), WeekController.publish)
    r.get(.teamWeek(.key), WeekController.personWeek)
    r.get(.myWeek(), WeekController.myWeek)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.circleWeek(.key)) { req async throws -> DTO.WeekPlanOut in
      let model = try await req.cases.weekPlan(circle: try req.id(), monday: try req.week(), by: try await req.actor())
      return DTO.WeekPlanOut(model)
    }
    v1.post(.circleWeekPlans(.key)) { req async throws -> Response in
      let input = try req.content.decode(DTO.PlanWeekIn.self)
      let version = try await req.cases.startPlanningWeek(
        circle: try req.id(), monday: try input.monday(), by: try await req.actor())
      await req.care.jobs.nudge()
      return try await DTO.WeekVersionOut(version).encodeResponse(status: .accepted, for: req)
    }
    v1.post(.circleWeekStop(.key)) { req async throws -> HTTPStatus in
      let input = try req.content.decode(DTO.VersionIn.self)
      try await req.cases.stopPlanningWeek(ID(input.version), circle: try req.id(), by: try await req.actor())
      return .noContent
    }
    v1.post(.circleWeekPublish(.key)) { req async throws -> DTO.WeekVersionOut in
      let input = try req.content.decode(DTO.PublishIn.self)
      return DTO.WeekVersionOut(
        try await req.cases.publishWeek(
          ID(input.version), edits: input.edits, circle: try req.id(), by: try await req.actor()))
    }
    v1.get(.teamWeek(.key)) { req async throws -> DTO.PersonWeekOut in
      DTO.PersonWeekOut(
        try await req.cases.personWeek(try req.id(), monday: try req.week(), by: try await req.actor()))
    }
    v1.get(.myWeek) { req async throws -> DTO.MyWeekOut in
      DTO.MyWeekOut(try await req.cases.myWeek(monday: try req.week(), by: try await req.actor()))
    }
    v1.get(.messages) { req async throws -> [DTO.MessageOut] in
      try await req.cases.messages(by: try await req.actor()).map(DTO.MessageOut.init)
    }
  }
}

extension Request {
  /// The `?week=` of the address: a Monday as `YYYY-MM-DD`, this week's Monday when absent.
  func week() throws -> Day {
    guard let text = try? query.get(String.self, at: "week") else {
      return CoopCalendar.london.weekStart(of: cases.today)
    }
    guard let day = Day(iso: text) else {
      throw CareError.invalid([FieldError("week", "Give the week as the date of its Monday, like 2026-12-07")])
    }
    return day
  }
}
