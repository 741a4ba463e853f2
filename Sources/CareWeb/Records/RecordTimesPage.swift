import CareCases
import CareCore
import Plot
import Vapor

/// A visit's times on its record page: the worker confirms them (prefilled from the phone's check-in and
/// check-out), the person or their arranger says they are right or what is wrong.
extension RecordController {
  /// The worker confirms the times (the form is prefilled with what the phone said).
  static func confirmTimes(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let visitID = try req.id(RotaVisit.self, SiteURL.visitID)
    var state = try req.formState()
    do {
      try await req.cases.confirmTimes(visitID, start: state["times-start"], end: state["times-end"], by: actor)
      return req.redirect(to: SiteURL.visitRecord(.value(visitID)).path + "#times", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields.map { FieldError("times-\($0.field)", $0.message) }
      return try await page(req, actor, visitID, state).response(status)
    }
  }

  /// The person (or arranger): "yes, the times are right", or "something is wrong" with what.
  static func answerTimes(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let visitID = try req.id(RotaVisit.self, SiteURL.visitID)
    var state = try req.formState()
    do {
      try await req.cases.answerTimes(
        visitID, agree: state["answer"] == "right", reason: state["times-reason"], by: actor)
      return req.redirect(to: SiteURL.visitRecord(.value(visitID)).path + "#times", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields.map { FieldError("times-\($0.field)", $0.message) }
      return try await page(req, actor, visitID, state).response(status)
    }
  }
}

extension RecordPage {
  /// Planned and confirmed times, and the forms to confirm (worker) or answer (person, arranger).
  var timesSection: Node<HTML.BodyContext> {
    let t = model.times
    let clock = CoopCalendar.clockText
    let worked = t.start.flatMap { s in t.end.map { "\(clock(s)) to \(clock($0))" } }
    // Easy Read, for the person (or arranger) who answers: one question in plain words, two buttons.
    let easy = layout.easyRead && model.mayAnswerTimes
    let workerName = t.workerAnswer.map { model.name($0.accountID) } ?? "The worker"
    let status: String =
      switch t.state {
      case .confirmed where t.isAutoConfirmed:
        "Auto-confirmed: \(worked ?? "") (\(Minutes(t.confirmedMinutes ?? 0).spoken)). The worker confirmed them "
          + "and nobody said they were wrong within \(model.settings.autoConfirmDays ?? 0) days."
      case .confirmed: "Both sides agree: \(worked ?? "") (\(Minutes(t.confirmedMinutes ?? 0).spoken))."
      case .disputed:
        "Something is wrong with these times: \(t.personAnswer?.reason ?? ""). The co-op will sort it out."
      case .pending where easy:
        t.start.flatMap { s in
          t.end.map { "\(workerName) says: came at \(clock(s)), left at \(clock($0)). Is that right?" }
        }
          ?? "\(workerName) has not said the times yet."
      case .pending:
        worked.map { "The worker says \($0). Waiting for \(first) to say." }
          ?? "Waiting for the worker to confirm the times."
      }
    var prefill = state
    if prefill["times-start"].isEmpty {
      let calendar = CoopCalendar.london
      prefill.values["times-start"] = clock(
        t.start ?? model.record.arrived.map { calendar.minuteOfDay(of: $0) } ?? t.plannedStart)
      prefill.values["times-end"] = clock(
        t.end ?? model.record.left.map { calendar.minuteOfDay(of: $0) } ?? min(t.plannedEnd, 24 * 60))
    }
    return .section(
      .id("times"), .attribute(named: "aria-labelledby", value: "times-title"),
      .h2(.id("times-title"), "Times"),
      .p(.text("Planned: \(clock(t.plannedStart)) to \(clock(t.plannedEnd)).")),
      .p(.class(t.state == .disputed ? "notice warning" : "notice"), .text(status)),
      .if(
        model.mayWrite && model.hasHappened,
        .form(
          .action(SiteURL.visitTimes(.value(visit.id)).path), .method(.post), .attribute(named: "novalidate"),
          Forms.csrf(layout.csrf),
          Forms.text("times-start", label: "I arrived at", hint: "For example, 08:30", state: prefill, width: "w5"),
          Forms.text("times-end", label: "I left at", hint: "For example, 09:30", state: prefill, width: "w5"),
          Forms.submit("Confirm the times"))),
      .if(
        model.mayAnswerTimes && model.hasHappened,
        .group(
          .form(
            .action(SiteURL.visitTimesAnswer(.value(visit.id)).path), .method(.post), Forms.csrf(layout.csrf),
            .input(.type(.hidden), .name("answer"), .value("right")),
            .button(.type(.submit), .class("button"), .text(easy ? "Yes, that is right" : "Yes, the times are right"))),
          .form(
            .action(SiteURL.visitTimesAnswer(.value(visit.id)).path), .method(.post),
            .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
            .input(.type(.hidden), .name("answer"), .value("wrong")),
            Forms.textarea("times-reason", label: easy ? "What is wrong?" : "Something is wrong: what?", state: state),
            .button(
              .type(.submit), .class("button secondary"), .text(easy ? "No, that is wrong" : "Something is wrong"))))))
  }
}
