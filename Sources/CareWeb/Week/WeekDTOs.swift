import CareCases
import CareCore
import Vapor

extension DTO {
  /// `{"week": "2026-12-07"}`: a day of the week to plan (the week is Monday to Sunday).
  struct PlanWeekIn: Content {
    let week: String
    func monday() throws -> Day { try weekHolding(week) }
  }

  struct PublishIn: Content {
    let version: UUID
    /// The draft's `edits` as last seen: a draft changed since is not published.
    let edits: Int
  }

  /// `{"worker": id, "start": "08:30", "edits": 3}`: the visit to that worker at that time, on the draft as
  /// last seen.
  struct VisitChangeIn: Content {
    let worker: UUID
    let start: String
    let edits: Int
  }

  struct VisitChangedOut: Content {
    let id: String
    let worker: String
    let start: String
    let end: String
    /// The draft's edit count now (send it with the next change).
    let edits: Int
    init(_ v: RotaVisit, edits: Int) {
      (id, worker, self.edits) = (v.id.description, v.workerID.description, edits)
      (start, end) = (CoopCalendar.clockText(v.start), CoopCalendar.clockText(v.end))
    }
  }

  /// "08:30" (or "8:30") as minutes after midnight.
  static func minuteOfDay(_ text: String) throws -> Int {
    guard let minute = CoopCalendar.minute(ofClock: text) else {
      throw CareError.invalid([FieldError("start", "Give a time of day, like 08:30")])
    }
    return minute
  }

  struct WeekVersionOut: Content {
    let id: String
    let number: Int
    let state: String
    /// 0 to 1 while the engine plans.
    let progress: Double
    let seconds: Double
    let edits: Int
    let createdAt: Date
    let publishedAt: Date?
    let problem: String?
    let shareWithinChoice: Double?
    let travelMinutes: Int?
    let unfilled: [UnfilledOut]?
    let notReady: [String]?
    init(_ w: RotaWeek) {
      (id, number, state) = (w.id.description, w.number, w.state.rawValue)
      (progress, seconds, edits) = (w.progress.fraction, w.progress.seconds, w.edits)
      (createdAt, publishedAt, problem) = (w.createdAt, w.publishedAt, w.problem)
      shareWithinChoice = w.figures?.shareWithinChoice
      travelMinutes = w.figures?.travelMinutes
      unfilled = w.figures?.unfilled.map(UnfilledOut.init)
      notReady = w.figures?.notReady
    }
  }

  struct UnfilledOut: Content {
    let person: String
    let day: String
    let start: String
    let reasons: [String]
    init(_ u: WeekFigures.Unfilled) {
      (person, day, start, reasons) = (u.person.description, u.day.iso, CoopCalendar.clockText(u.start), u.reasons)
    }
  }

  struct VisitOut: Content {
    let id: String
    let person: String
    let personName: String
    let day: String
    /// Wall-clock times in the co-op's time zone (Europe/London), `HH:MM`.
    let start: String
    let end: String
    let worker: String
    let workerName: String
    let partner: String?
    let tasks: [String]
    init(_ v: RotaVisit, _ model: WeekPlanModel) {
      (id, person, personName) = (v.id.description, v.personID.description, model.name(v.personID))
      (day, start, end) = (v.day.iso, CoopCalendar.clockText(v.start), CoopCalendar.clockText(v.end))
      (worker, workerName) = (v.workerID.description, model.name(v.workerID))
      partner = v.partnerID?.description
      tasks = v.tasks.sorted().map(\.rawValue)
    }
  }

  struct WeekPlanOut: Content {
    let circle: String
    let week: String
    /// Every version, newest first.
    let versions: [WeekVersionOut]
    /// The version on show (the newest being planned, a draft or published; else the published one).
    let shown: String?
    let published: String?
    let visits: [VisitOut]
    let notReady: [String]
    init(_ m: WeekPlanModel) {
      (circle, week) = (m.circle.id.description, m.monday.iso)
      versions = m.versions.map(WeekVersionOut.init)
      (shown, published) = (m.shown?.id.description, m.published?.id.description)
      visits = m.visits.map { VisitOut($0, m) }
      notReady = m.notReady
    }
  }

  struct PersonVisitOut: Content {
    let id: String
    let day: String
    let start: String
    let end: String
    let worker: String
    let partner: String?
    let isBackup: Bool
    let isSomeoneNew: Bool
    let isLaterThanUsual: Bool
    /// The worker cannot come; the co-op is finding someone else.
    let findingCover: Bool
    init(_ v: PersonWeekModel.Visit) {
      findingCover = v.findingCover
      (id, day) = (v.visit.id.description, v.visit.day.iso)
      (start, end) = (CoopCalendar.clockText(v.visit.start), CoopCalendar.clockText(v.visit.end))
      (worker, partner) = (v.worker, v.partner)
      (isBackup, isSomeoneNew, isLaterThanUsual) = (v.isBackup, v.isSomeoneNew, v.visit.isLaterThanUsual)
    }
  }

  struct PersonWeekOut: Content {
    let person: String
    let week: String
    let isPublished: Bool
    let visits: [PersonVisitOut]
    init(_ m: PersonWeekModel) {
      (person, week, isPublished) = (m.team.person.id.description, m.monday.iso, m.isPublished)
      visits = m.visits.map(PersonVisitOut.init)
    }
  }

  struct StopOut: Content {
    let visit: String
    let day: String
    let start: String
    let end: String
    let person: String
    let address: String
    let postcode: String
    let tasks: [String]
    let partner: String?
    let travelMinutesBefore: Int?
    /// They said they cannot make it (cover is being found).
    let coverAsked: Bool
    /// Taken as cover from outside the person's team: address and tasks until the day is over.
    let isOutsideCover: Bool
    init(_ s: MyWeekModel.Stop) {
      (visit, day) = (s.visit.id.description, s.visit.day.iso)
      (start, end) = (CoopCalendar.clockText(s.visit.start), CoopCalendar.clockText(s.visit.end))
      (person, address, postcode) = (s.person, s.address, s.postcode)
      (coverAsked, isOutsideCover) = (s.coverAsked, s.isOutsideCover)
      tasks = s.isOutsideCover && s.address.isEmpty ? [] : s.visit.tasks.sorted().map(\.rawValue)
      (partner, travelMinutesBefore) = (s.partner, s.travelBefore)
    }
  }

  struct MyWeekOut: Content {
    let week: String
    let stops: [StopOut]
    init(_ m: MyWeekModel) {
      week = m.monday.iso
      stops = m.stops.map(StopOut.init)
    }
  }

  /// A calendar feed's private address (shown once: keep it).
  struct CalendarOut: Content {
    let url: String
    init(_ url: String) { self.url = url }
  }

  /// `{"reason": "…"}` (optional, at most 500 characters): the signed-in worker cannot make the visit.
  struct CoverAskIn: Content {
    let reason: String?
  }

  /// `{"from": "2026-12-07", "through": "2026-12-09", "reason": "…"}`: days the worker cannot work.
  struct AwayIn: Content {
    let from: String
    let through: String
    let reason: String?
  }

  /// `{"answer": "yes"}` or `"no"`: an answer to a cover offer.
  struct CoverAnswerIn: Content {
    enum Answer: String, Codable { case yes, no }
    let answer: Answer
  }

  /// A day written `YYYY-MM-DD` (years 2000 to 2199).
  static func day(_ text: String, _ field: String) throws -> Day {
    guard let day = Day(iso: text), (2000...2199).contains(day.year) else {
      throw CareError.invalid([FieldError(field, "Give a date, like 2026-12-07")])
    }
    return day
  }

  struct CoverRequestOut: Content {
    let id: String
    let person: String
    let day: String
    let start: String
    let end: String
    let worker: String
    /// open, covered or replanned.
    let state: String
    /// How far the offers have gone: backup, team or circle (null: nobody could be offered it).
    let tier: String?
    let coveredBy: String?
    init(_ r: CoverRequest) {
      (id, person, day, worker) = (r.id.description, r.personID.description, r.day.iso, r.workerID.description)
      (start, end) = (CoopCalendar.clockText(r.start), CoopCalendar.clockText(r.start + r.length))
      (state, tier, coveredBy) = (r.state.rawValue, r.tier.map(\.name), r.coveredBy?.description)
    }
  }

  struct CoverOfferOut: Content {
    let id: String
    let person: String
    /// The first half of the postcode; the address comes with the visit once taken.
    let area: String
    let day: String
    let start: String
    let end: String
    let tasks: [String]
    /// offered, accepted, declined or closed.
    let state: String
    let open: Bool
    init(_ o: CoverModel.Offer) {
      (id, person, area, day) = (o.offer.id.description, o.person, o.area, o.request.day.iso)
      (start, end) = (CoopCalendar.clockText(o.offer.start), CoopCalendar.clockText(o.offer.start + o.request.length))
      tasks = o.request.tasks.sorted().map(\.rawValue)
      state = o.offer.state.rawValue
      open = o.offer.state == .offered && o.request.state == .open
    }
  }

  struct CoverOut: Content {
    let offers: [CoverOfferOut]
    let asked: [CoverRequestOut]
    init(_ m: CoverModel) {
      offers = m.offers.map(CoverOfferOut.init)
      asked = m.asked.map { CoverRequestOut($0.request) }
    }
  }

  /// What a worker agrees to, as the API reads and writes it (see the OpenAPI document for each limit).
  struct ConsentZoneIO: Content {
    enum DayName: String, Codable, CaseIterable {
      case monday, tuesday, wednesday, thursday, friday, saturday, sunday
      var weekday: Weekday { Weekday(rawValue: Self.allCases.firstIndex(of: self)!)! }
      init(_ day: Weekday) { self = Self.allCases[day.rawValue] }
    }
    struct Available: Codable {
      let day: DayName
      let from: String
      let until: String
    }
    struct Place: Codable {
      let latitude: Double
      let longitude: Double
    }
    let availability: [Available]
    let mostHoursAWeek: Int
    let travelMode: TravelMode
    let base: Place
    let longestJourneyMinutes: Int
    let tasks: [VisitTask]
    let petsAreFine: Bool
    let smokingIsFine: Bool
    let coversInCircle: Bool

    init(_ z: ConsentZone) {
      availability = z.availability.map {
        Available(day: DayName($0.day), from: CoopCalendar.clockText($0.from), until: CoopCalendar.clockText($0.until))
      }
      (mostHoursAWeek, travelMode, longestJourneyMinutes) = (z.mostMinutesAWeek / 60, z.travelMode, z.longestJourney)
      base = Place(latitude: z.base.latitude, longitude: z.base.longitude)
      tasks = z.tasks.sorted()
      (petsAreFine, smokingIsFine, coversInCircle) = (z.petsAreFine, z.smokingIsFine, z.coversInCircle)
    }

    func zone() throws -> ConsentZone {
      var problems: [FieldError] = []
      if tasks.count > VisitTask.allCases.count || Set(tasks).count != tasks.count {
        problems.append(FieldError("tasks", "Give each task once"))
      }
      if availability.count > 7 { problems.append(FieldError("availability", "Give each day once")) }
      var times: [AvailableTime] = []
      for (i, a) in availability.enumerated() {
        let from = ConsentForm.clock(a.from)
        let until = ConsentForm.clock(a.until)
        if from == nil { problems.append(FieldError("availability[\(i)].from", "Give a time of day, like 08:00")) }
        if until == nil { problems.append(FieldError("availability[\(i)].until", "Give a time of day, like 17:30")) }
        if let from, let until { times.append(AvailableTime(day: a.day.weekday, from: from, until: until)) }
      }
      guard let point = GeoPoint(latitude: base.latitude, longitude: base.longitude) else {
        throw CareError.invalid(
          problems + [FieldError("base", "Give a latitude (-90 to 90) and longitude (-180 to 180)")])
      }
      guard problems.isEmpty, (0...60).contains(mostHoursAWeek) else {
        throw CareError.invalid(
          problems + ((0...60).contains(mostHoursAWeek) ? [] : [FieldError("mostHoursAWeek", "Give 0 to 60 hours")]))
      }
      return ConsentZone(
        availability: times, mostMinutesAWeek: mostHoursAWeek * 60, travelMode: travelMode, base: point,
        longestJourney: longestJourneyMinutes, tasks: Set(tasks), petsAreFine: petsAreFine,
        smokingIsFine: smokingIsFine, coversInCircle: coversInCircle)
    }
  }

  struct ConsentOut: Content {
    /// Null until the worker first says.
    let zone: ConsentZoneIO?
    let trainedFor: [VisitTask]
    init(_ m: ConsentModel) {
      zone = m.zone.map(ConsentZoneIO.init)
      trainedFor = m.training.sorted()
    }
  }

  struct ConsentChangedOut: Content {
    /// Published visits still to come that no longer fit: each went to cover.
    let sentToCover: [CoverRequestOut]
  }
}
