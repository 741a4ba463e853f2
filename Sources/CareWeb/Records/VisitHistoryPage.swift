import CareCases
import CareCore
import Plot
import Vapor

/// The person's visits as they happened, in plain words or Easy Read, and printable.
enum VisitHistoryController {
  static func show(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    let (from, through) = try range(req)
    let model = try await req.cases.visitHistory(person, from: from, through: through, by: actor)
    let whose = model.isOwner ? "Your" : "\(model.personName)'s"
    return VisitHistoryPage(
      layout: req.layout(
        "\(whose) visits, \(model.from.longText) to \(model.through.longText)",
        crumbs: MedicineController.crumbs(model.team)),
      model: model
    ).response()
  }

  /// `?from=YYYY-MM-DD&through=YYYY-MM-DD`, each optional.
  static func range(_ req: Request) throws -> (Day?, Day?) {
    func day(_ name: String) throws -> Day? {
      guard let text = try? req.query.get(String.self, at: name) else { return nil }
      guard let day = Day(iso: text), (2000...2199).contains(day.year) else {
        throw CareError.invalid([FieldError(name, "Give the day as a date, like 2026-11-02")])
      }
      return day
    }
    return (try day("from"), try day("through"))
  }
}

struct VisitHistoryPage: PageView {
  let layout: Layout
  let model: VisitHistoryModel

  var personID: ID<Person> { model.team.person.id }
  var first: String { Account.firstName(of: model.personName) }
  var clock: (Int) -> String { CoopCalendar.clockText }

  var body: Node<HTML.BodyContext> {
    .group(
      easyReadToggle(
        on: layout.easyRead, csrf: layout.csrf,
        returnTo: .teamVisits(.value(personID), from: model.from, through: model.through)),
      .h1(.text(model.isOwner ? "Your visits" : "\(model.personName)'s visits")),
      .p(.class("lead"), .text("\(model.from.longText) to \(model.through.longText).")),
      .nav(
        .class("no-print"), .attribute(named: "aria-label", value: "Other weeks"),
        .ul(
          .class("inline-list"),
          .li(
            .a(
              .href(
                SiteURL.teamVisits(
                  .value(personID), from: model.from.adding(days: -28), through: model.from.adding(days: -1)
                ).path), "The four weeks before")))),
      model.items.isEmpty
        ? .p("No visits in these days.")
        : layout.easyRead
          ? .ul(.class("easy-lines"), .forEach(model.items) { easy($0) })
          : .ol(.class("visits"), .forEach(model.items) { item($0) }),
      printLink())
  }

  func item(_ i: VisitHistoryModel.Item) -> Node<HTML.ListContext> {
    let v = i.visit
    let calendar = CoopCalendar.london
    let came =
      i.record.arrived.map { a in
        "Arrived \(clock(calendar.minuteOfDay(of: a)))"
          + (i.record.left.map { ", left \(clock(calendar.minuteOfDay(of: $0)))" } ?? "") + "."
      } ?? (i.isRecorded ? "" : "Nothing written about this visit.")
    return .li(
      .class("visit"),
      .div(
        .h2(.class("visit-day"), .text("\(v.day.longText), \(clock(v.start)) to \(clock(v.end))")),
        .p(.text("\(i.workers.joined(separator: " and ")). \(came)")),
        .if(
          !i.tasks.isEmpty,
          .p(
            .text(
              i.tasks.map { t in
                t.task.label.capitalizedFirst
                  + (t.done ? ": done" : ": not done" + (t.why.isEmpty ? "" : " (\(t.why))"))
              }.joined(separator: "; ") + "."))),
        .p(.text(times(i))),
        .p(
          .class("no-print"),
          .a(
            .href(SiteURL.visitRecord(.value(v.id)).path),
            .text("The record of the visit on \(v.day.longText) at \(clock(v.start))")))))
  }

  func times(_ i: VisitHistoryModel.Item) -> String {
    switch i.times.state {
    case .confirmed: i.times.isAutoConfirmed ? "Times: auto-confirmed." : "Times: confirmed by both sides."
    case .disputed: "Times: \(model.isOwner ? "you said" : "\(first) said") something is wrong."
    case .pending:
      i.times.workerAnswer == nil
        ? "Times: waiting for the worker." : "Times: waiting for \(model.isOwner ? "you" : first) to say."
    }
  }

  /// Easy Read: one short line a visit.
  func easy(_ i: VisitHistoryModel.Item) -> Node<HTML.ListContext> {
    let who = i.workers.joined(separator: " and ")
    let when = "\(i.visit.day.longText) at \(clock(i.visit.start))"
    let words: String =
      switch i.times.state {
      case .confirmed: "\(who) came on \(when). The times are right."
      case .disputed: "\(who) was due on \(when). Something is wrong with the times."
      case .pending:
        i.isRecorded ? "\(who) came on \(when). Are the times right?" : "\(who) was due on \(when)."
      }
    return .li(.text(words))
  }
}

extension DTO {
  struct VisitHistoryOut: Content {
    struct Item: Content {
      let visit: String
      let day: String
      let start: String
      let end: String
      let workers: [String]
      let arrived: Date?
      let left: Date?
      let recorded: Bool
      let tasks: [Task]
      let times: TimesOut
    }
    struct Task: Content {
      let task: String
      let done: Bool
      let why: String
    }
    let person: String
    let from: String
    let through: String
    let visits: [Item]

    init(_ m: VisitHistoryModel) {
      (person, from, through) = (m.team.person.id.description, m.from.iso, m.through.iso)
      visits = m.items.map { i in
        Item(
          visit: i.visit.id.description, day: i.visit.day.iso, start: CoopCalendar.clockText(i.visit.start),
          end: CoopCalendar.clockText(i.visit.end), workers: i.workers, arrived: i.record.arrived,
          left: i.record.left, recorded: i.isRecorded,
          tasks: i.tasks.map { Task(task: $0.task.rawValue, done: $0.done, why: $0.why) }, times: TimesOut(i.times))
      }
    }
  }
}
