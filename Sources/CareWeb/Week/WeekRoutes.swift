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
    r.get(.circleWeekVisit(.key, .key), WeekController.visitForm)
    r.post(.circleWeekVisit(.key, .key), WeekController.changeVisit)
    r.get(.teamWeek(.key), WeekController.personWeek)
    r.get(.teamPattern(.key), PatternController.page)
    r.get(.teamPatternNew(.key), PatternController.form)
    r.post(.teamPatternNew(.key), PatternController.propose)
    r.post(.teamPatternAnswer(.key, .key), PatternController.answer)
    r.get(.teamHome(.key), PatternController.homeForm)
    r.post(.teamHome(.key), PatternController.changeHome)
    r.get(.myWeek(), WeekController.myWeek)
    r.get(.myConsent, WeekController.consentForm)
    r.post(.myConsent, WeekController.changeConsent)
    r.get(.myCover, WeekController.cover)
    r.get(.myVisitCover(.key), WeekController.coverAskForm)
    r.post(.myVisitCover(.key), WeekController.coverAsk)
    r.get(.myAway, WeekController.awayForm)
    r.post(.myAway, WeekController.away)
    r.post(.coverOffer(.key), WeekController.answerCover)
    r.get(.calendarFeed(.key), WeekController.calendar)
    r.post(.myCalendar, WeekController.startMyCalendar)
    r.post(.myCalendarStop, WeekController.stopMyCalendar)
    r.post(.teamCalendar(.key), WeekController.startTeamCalendar)
    r.post(.teamCalendarStop(.key), WeekController.stopTeamCalendar)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.circleWeek(.key)) { req async throws -> DTO.WeekPlanOut in
      let actor = try await req.actor()
      return DTO.WeekPlanOut(try await req.cases.weekPlan(circle: try req.id(), monday: try req.week(), by: actor))
    }
    v1.post(.circleWeekPlans(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let input = try req.content.decode(DTO.PlanWeekIn.self)
      let version = try await req.cases.startPlanningWeek(circle: try req.id(), monday: try input.monday(), by: actor)
      await req.care.jobs.nudge()
      return try await DTO.WeekVersionOut(version).encodeResponse(status: .accepted, for: req)
    }
    v1.post(.circleWeekStop(.key)) { req async throws -> HTTPStatus in
      try await req.cases.stopPlanningWeek(circle: try req.id(), by: try await req.actor())
      return .noContent
    }
    v1.post(.circleWeekPublish(.key)) { req async throws -> DTO.WeekVersionOut in
      let actor = try await req.actor()
      let input = try req.content.decode(DTO.PublishIn.self)
      return DTO.WeekVersionOut(
        try await req.cases.publishWeek(ID(input.version), edits: input.edits, circle: try req.id(), by: actor))
    }
    v1.put(.circleWeekVisit(.key, .key)) { req async throws -> DTO.VisitChangedOut in
      let actor = try await req.actor()
      let input = try req.content.decode(DTO.VisitChangeIn.self)
      let visit = try await req.cases.changeVisit(
        try req.id(RotaVisit.self, SiteURL.visitID), circle: try req.id(), to: ID(input.worker),
        start: try DTO.minuteOfDay(input.start), edits: input.edits, by: actor)
      return DTO.VisitChangedOut(visit, edits: input.edits + 1)
    }
    v1.get(.teamWeek(.key)) { req async throws -> DTO.PersonWeekOut in
      let actor = try await req.actor()
      return DTO.PersonWeekOut(try await req.cases.personWeek(try req.id(), monday: try req.week(), by: actor))
    }
    v1.get(.myWeek) { req async throws -> DTO.MyWeekOut in
      let actor = try await req.actor()
      return DTO.MyWeekOut(try await req.cases.myWeek(monday: try req.week(), by: actor))
    }
    v1.post(.myCalendar) { req async throws -> Response in
      let token = try await req.cases.startMyCalendar(by: try await req.actor())
      return try await DTO.CalendarOut(req.calendarURL(token)).encodeResponse(status: .created, for: req)
    }
    v1.post(.teamCalendar(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let token = try await req.cases.startPersonCalendar(try req.id(), by: actor)
      return try await DTO.CalendarOut(req.calendarURL(token)).encodeResponse(status: .created, for: req)
    }
    v1.get(.teamPattern(.key)) { req async throws -> DTO.PatternOut in
      DTO.PatternOut(try await req.cases.pattern(try req.id(), by: try await req.actor()))
    }
    v1.post(.teamPattern(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let input = try req.content.decode(DTO.PatternIn.self)
      let (pattern, from) = try input.pattern()
      let version = try await req.cases.proposePattern(pattern, from: from, person: try req.id(), by: actor)
      await req.care.jobs.nudge()
      return try await DTO.PatternVersionOut(version).encodeResponse(status: .created, for: req)
    }
    v1.post(.teamPatternAnswer(.key, .key)) { req async throws -> DTO.PatternVersionOut in
      let actor = try await req.actor()
      let input = try req.content.decode(DTO.PatternAnswerIn.self)
      return DTO.PatternVersionOut(
        try await req.cases.answerPattern(
          try req.id(PatternVersion.self, SiteURL.versionID), agree: input.answer == .agree, person: try req.id(),
          by: actor))
    }
    v1.get(.teamHome(.key)) { req async throws -> DTO.HomeIO in
      let model = try await req.cases.pattern(try req.id(), by: try await req.actor())
      guard let home = model.home else { throw CareError.notFound }
      return DTO.HomeIO(home)
    }
    v1.put(.teamHome(.key)) { req async throws -> DTO.HomeIO in
      let actor = try await req.actor()
      let input = try req.content.decode(DTO.HomeIO.self)
      let home = try input.home()
      try await req.cases.changeHome(home, person: try req.id(), by: actor)
      return DTO.HomeIO(home)
    }
    v1.get(.myConsent) { req async throws -> DTO.ConsentOut in
      DTO.ConsentOut(try await req.cases.consent(by: try await req.actor()))
    }
    v1.put(.myConsent) { req async throws -> DTO.ConsentChangedOut in
      let actor = try await req.actor()
      let input = try req.content.decode(DTO.ConsentZoneIO.self)
      let sent = try await req.cases.changeConsent(try input.zone(), by: actor)
      await req.care.jobs.nudge()
      return DTO.ConsentChangedOut(sentToCover: sent.map(DTO.CoverRequestOut.init))
    }
    v1.get(.myCover) { req async throws -> DTO.CoverOut in
      DTO.CoverOut(try await req.cases.cover(by: try await req.actor()))
    }
    v1.post(.myVisitCover(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let input = try req.content.decode(DTO.CoverAskIn.self)
      let made = try await req.cases.cannotMake(
        try req.id(RotaVisit.self, SiteURL.visitID), reason: input.reason ?? "", by: actor)
      await req.care.jobs.nudge()
      return try await made.map(DTO.CoverRequestOut.init).encodeResponse(status: .created, for: req)
    }
    v1.post(.myAway) { req async throws -> Response in
      let actor = try await req.actor()
      let input = try req.content.decode(DTO.AwayIn.self)
      let made = try await req.cases.cannotWork(
        from: try DTO.day(input.from, "from"), through: try DTO.day(input.through, "through"),
        reason: input.reason ?? "", by: actor)
      await req.care.jobs.nudge()
      return try await made.map(DTO.CoverRequestOut.init).encodeResponse(status: .created, for: req)
    }
    v1.post(.coverOffer(.key)) { req async throws -> DTO.CoverRequestOut in
      let actor = try await req.actor()
      let input = try req.content.decode(DTO.CoverAnswerIn.self)
      let request = try await req.cases.answerCover(
        try req.id(CoverOffer.self, SiteURL.offerID), accept: input.answer == .yes, by: actor)
      await req.care.jobs.nudge()
      return DTO.CoverRequestOut(request)
    }
    v1.get(.circleWeekCover(.key)) { req async throws -> [DTO.CoverRequestOut] in
      let actor = try await req.actor()
      return try await req.cases.weekCover(circle: try req.id(), monday: try req.week(), by: actor)
        .map(DTO.CoverRequestOut.init)
    }
  }
}

extension Request {
  /// The full address of a calendar feed, to paste into a calendar program.
  func calendarURL(_ token: String) -> String { care.config.publicURL + SiteURL.calendarFeed(.value(token)).path }

  /// The `?week=` of the address: the week holding that day (`YYYY-MM-DD`, years 2000 to 2199), as its
  /// Monday; this week when absent.
  func week() throws -> Day {
    guard let text = try? query.get(String.self, at: "week") else {
      return CoopCalendar.london.weekStart(of: cases.today)
    }
    return try weekHolding(text)
  }
}

/// The Monday of the week holding the day written as `YYYY-MM-DD` (years 2000 to 2199).
func weekHolding(_ text: String) throws -> Day {
  guard let day = Day(iso: text), (2000...2199).contains(day.year) else {
    throw CareError.invalid([FieldError("week", "Give a day of the week as a date, like 2026-12-07")])
  }
  return CoopCalendar.london.weekStart(of: day)
}
