import CareCases
import CareCore
import Plot

/// Who is coming when, for the person and their team: each day of the week, each visit with the worker's
/// initials picture, name and time, marked when it is not as usual. Plain words, large type in Easy Read,
/// one column that prints on paper.
struct PersonWeekPage: PageView {
  let layout: Layout
  let model: PersonWeekModel
  /// The person is looking at their own week ("you"), not someone in their team.
  let isOwn: Bool
  /// Visits up to today link to their record.
  let today: Day

  var name: String { model.team.personAccount.name }

  var body: Node<HTML.BodyContext> {
    .group(
      .h1(.text(isOwn ? "Who is coming to you" : "Who is coming to \(name)")),
      .p(.class("lead"), .text("The week from \(model.monday.longText).")),
      weekNavigation(model.monday) { .teamWeek(.value(model.team.person.id), week: $0) },
      model.isPublished
        ? .group(
          .forEach(model.days) { day in
            .section(
              .class("day"), .attribute(named: "aria-labelledby", value: "day-\(day.day.iso)"),
              .h2(.id("day-\(day.day.iso)"), .text(Self.dayName(day.day, model.monday) + " " + day.day.longText)),
              day.visits.isEmpty
                ? .p("Nobody is coming.")
                : .ul(.class("visits"), .forEach(day.visits) { visit($0) }))
          },
          .p(.button(.type(.button), .class("button secondary"), .data(named: "print", value: ""), "Print this week")),
          calendarSection(
            has: model.hasCalendar, start: .teamCalendar(.value(model.team.person.id)),
            stop: .teamCalendarStop(.value(model.team.person.id)), csrf: layout.csrf))
        : .p(
          .class("notice"),
          .text(
            "The visits for this week are not ready yet. When the rota keeper publishes them, they will be here"
              + (isOwn ? " and you will get a message." : "."))))
  }

  static func dayName(_ day: Day, _ monday: Day) -> String {
    Weekday(rawValue: (0..<7).first { monday.adding(days: $0) == day } ?? 0)?.name ?? ""
  }

  func visit(_ v: PersonWeekModel.Visit) -> Node<HTML.ListContext> {
    if layout.easyRead { return easyVisit(v) }
    let initials = Account.initials(of: v.worker)
    var notes: [String] = []
    if v.findingCover { notes.append("\(v.worker) cannot come: the co-op is finding someone else") }
    if v.isBackup { notes.append("\(v.worker) is the backup worker") }
    if v.isSomeoneNew { notes.append("\(v.worker) does not usually come") }
    if v.visit.isLaterThanUsual {
      notes.append("Later than usual (usually from \(CoopCalendar.clockText(v.visit.usualStart)))")
    }
    return .li(
      .class("visit"),
      .span(.class("avatar"), .attribute(named: "aria-hidden", value: "true"), .text(initials)),
      .div(
        .p(.strong(.text(timeSpan(v.visit.start, v.visit.end)))),
        .p(.text(v.worker + (v.partner.map { " and \($0)" } ?? ""))),
        .forEach(notes) { .p(.class("tag"), .text($0)) },
        recordLink(v.visit, "What happened at this visit")))
  }

  /// A visit of today or before links to its record.
  func recordLink(_ visit: RotaVisit, _ label: String) -> Node<HTML.BodyContext> {
    .if(
      model.mayReadRecords && visit.day <= today,
      .p(.class("no-print"), .a(.href(SiteURL.visitRecord(.value(visit.id)).path), .text(label))))
  }
}

extension PersonWeekPage {
  /// Easy Read: a picture, then one short sentence a line (12 words at most), first names only.
  func easyVisit(_ v: PersonWeekModel.Visit) -> Node<HTML.ListContext> {
    let first = Account.firstName(of: v.worker)
    var lines = [
      v.partner.map { "\(first) and \(Account.firstName(of: $0)) come." } ?? "\(first) comes.",
      "From \(CoopCalendar.clockText(v.visit.start)) to \(CoopCalendar.clockText(v.visit.end)).",
    ]
    if v.findingCover { lines.append("\(first) cannot come. We are finding someone else.") }
    if v.isBackup { lines.append("\(first) is the backup.") }
    if v.isSomeoneNew { lines.append("\(first) does not usually come.") }
    if v.visit.isLaterThanUsual { lines.append("This is later than usual.") }
    return .li(
      .class("visit easy-visit"),
      .span(.class("avatar"), .attribute(named: "aria-hidden", value: "true"), .text(Account.initials(of: v.worker))),
      .div(.forEach(lines) { .p(.text($0)) }, recordLink(v.visit, "What happened")))
  }
}

/// A worker's own week: each visit's time, the person, their address, what the visit is for, who else is
/// there, and the travel from the visit before.
struct MyWeekPage: PageView {
  let layout: Layout
  let model: MyWeekModel
  let today: Day

  var body: Node<HTML.BodyContext> {
    .group(
      .h1("My week"),
      .p(.class("lead"), .text("The week from \(model.monday.longText).")),
      .p(
        .class("no-print"),
        .a(.href(SiteURL.myCover.path), "Cover: visits you are asked to cover, and days you cannot work")),
      .p(
        .class("no-print"),
        .a(.href(SiteURL.myConsent.path), "What I agree to: when I can work, hours, travel and tasks")),
      weekNavigation(model.monday) { .myWeek(week: $0) },
      model.stops.isEmpty
        ? .p(.class("notice"), "You have no published visits this week.")
        : .group(
          .forEach(model.days) { day in
            .section(
              .class("day"), .attribute(named: "aria-labelledby", value: "day-\(day.day.iso)"),
              .h2(
                .id("day-\(day.day.iso)"),
                .text(PersonWeekPage.dayName(day.day, model.monday) + " " + day.day.longText)),
              day.stops.isEmpty ? .p("No visits.") : .ol(.class("visits"), .forEach(day.stops) { stop($0) }))
          },
          .p(.button(.type(.button), .class("button secondary"), .data(named: "print", value: ""), "Print my week"))),
      calendarSection(has: model.hasCalendar, start: .myCalendar, stop: .myCalendarStop, csrf: layout.csrf)
    )
  }

  func stop(_ s: MyWeekModel.Stop) -> Node<HTML.ListContext> {
    let mode = (model.travelMode ?? .walk).label
    return .li(
      .class("visit"),
      .div(
        .unwrap(s.travelBefore) { .p(.class("tag"), .text("\(Minutes($0).spoken) \(mode) from the visit before")) },
        .p(.strong(.text(timeSpan(s.visit.start, s.visit.end) + ": " + s.person))),
        s.address.isEmpty && s.isOutsideCover
          ? .p(.class("hint"), "You covered this visit: its address and tasks are no longer shown.")
          : .group(
            .p(.text(s.address + ", " + s.postcode)),
            .p(.text("For: " + s.visit.tasks.sorted().map(\.label).joined(separator: ", ")))),
        .unwrap(s.partner) { .p(.text("With \($0)")) },
        .if(
          s.isOutsideCover && !s.address.isEmpty,
          .p(.class("tag"), "Cover: you see these details until the day is over")),
        .if(
          s.visit.day <= today && !(s.address.isEmpty && s.isOutsideCover),
          .p(
            .class("no-print"),
            .a(.href(SiteURL.visitRecord(.value(s.visit.id)).path), "Write the record of this visit"))
        ),
        s.coverAsked
          ? .p(.class("tag"), "You said you cannot make this: the co-op is finding someone else")
          : .if(
            s.visit.day >= today,
            .p(.class("no-print"), .a(.href(SiteURL.myVisitCover(.value(s.visit.id)).path), "I cannot make this visit"))
          )))
  }
}

/// Getting a private calendar address (shown once), or stopping the one there is.
func calendarSection(has: Bool, start: SiteURL, stop: SiteURL, csrf: String) -> Node<HTML.BodyContext> {
  .section(
    .class("no-print"), .attribute(named: "aria-labelledby", value: "calendar-title"),
    .h2(.id("calendar-title"), "In your calendar"),
    .p(
      .text(
        "Your phone or computer calendar can show these visits and keep them up to date. "
          + (has
            ? "You have a calendar address. Getting a new one stops the old one."
            : "Get a private address to add to your calendar."))),
    .form(
      .action(start.path), .method(.post), Forms.csrf(csrf),
      .button(
        .type(.submit), .class("button secondary"), .text(has ? "Get a new calendar address" : "Get a calendar address")
      )),
    .if(
      has,
      .form(
        .action(stop.path), .method(.post), Forms.csrf(csrf),
        .button(.type(.submit), .class("button secondary"), "Stop the calendar address"))))
}

/// A new calendar address, shown once.
struct CalendarLinkPage: PageView {
  let layout: Layout
  let url: String
  let what: String
  let back: SiteURL

  var body: Node<HTML.BodyContext> {
    .group(
      .h1("Your calendar address"),
      .p(
        .text(
          "Add this address to your calendar program as a subscription (in Google Calendar: Other calendars, From URL). "
            + "It shows \(what) and keeps up to date.")),
      .div(
        .class("field"),
        .label(.for("calendar-url"), "Calendar address"),
        .input(
          .type(.text), .id("calendar-url"), .class("input wide"), .value(url), .readonly(true),
          .attribute(named: "aria-describedby", value: "calendar-hint"))),
      .p(
        .id("calendar-hint"), .class("hint"),
        .text(
          "Keep it private: anyone with this address can see these visits. It is shown only now. If it gets out, "
            + "stop it and get a new one.")),
      .p(.a(.href(back.path), "Back")))
  }
}
