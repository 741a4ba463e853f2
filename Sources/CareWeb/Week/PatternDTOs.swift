import CareCases
import CareCore
import Vapor

extension DTO {
  /// A visit of a support pattern, as the API reads and writes it (see the OpenAPI document for each limit).
  struct VisitPatternIO: Content {
    let days: [ConsentZoneIO.DayName]
    let start: String
    let windowMinutes: Int
    let lengthMinutes: Int
    let tasks: [VisitTask]
    let workers: Int
    let together: Bool

    init(_ v: VisitPattern) {
      days = v.days.sorted().map(ConsentZoneIO.DayName.init)
      start = CoopCalendar.clockText(v.start)
      (windowMinutes, lengthMinutes, tasks, workers, together) = (
        v.window, v.length, v.tasks.sorted(), v.workers, v.together
      )
    }

    func visit(_ i: Int) throws -> VisitPattern {
      guard Set(days).count == days.count, Set(tasks).count == tasks.count, tasks.count <= VisitTask.allCases.count
      else { throw CareError.invalid([FieldError("visits[\(i)].days", "Give each day and each task once")]) }
      return VisitPattern(
        days: Set(days.map(\.weekday)), start: try DTO.minuteOfDay(start), window: windowMinutes,
        length: lengthMinutes, tasks: Set(tasks), workers: workers, together: together)
    }
  }

  /// `{"from": "2026-12-14", "visits": [...], "flexibilityMinutes": 30, "chosen": [id…], "declined": [id…],
  /// "backup": id}`: a proposed version of the person's support pattern.
  struct PatternIn: Content {
    let from: String
    let visits: [VisitPatternIO]
    let flexibilityMinutes: Int
    let chosen: [UUID]
    let declined: [UUID]
    let backup: UUID?

    func pattern() throws -> (SupportPattern, Day) {
      guard visits.count <= 20, chosen.count <= 10, declined.count <= 50 else {
        throw CareError.invalid([FieldError("visits", "At most 20 visits, 10 chosen and 50 declined workers")])
      }
      return (
        SupportPattern(
          visits: try visits.enumerated().map { try $1.visit($0) }, flexibility: flexibilityMinutes,
          chosen: chosen.map(ID.init),
          declined: Set(declined.map(ID.init)), backup: backup.map(ID.init)),
        try DTO.day(from, "from")
      )
    }
  }

  struct PatternAnswerIn: Content {
    enum Answer: String, Codable { case agree, decline }
    let answer: Answer
  }

  struct PatternVersionOut: Content {
    let id: String
    let version: Int
    /// proposed, agreed or declined.
    let status: String
    let from: String
    let proposedBy: String
    let answeredBy: String?
    let visits: [VisitPatternIO]
    let flexibilityMinutes: Int
    let chosen: [String]
    let declined: [String]
    let backup: String?
    init(_ v: PatternVersion) {
      (id, version, status, from) = (v.id.description, v.version, v.status.rawValue, v.effectiveFrom.iso)
      (proposedBy, answeredBy) = (v.proposedBy.description, v.answeredBy?.description)
      visits = v.pattern.visits.map(VisitPatternIO.init)
      flexibilityMinutes = v.pattern.flexibility
      chosen = v.pattern.chosen.map(\.description)
      declined = v.pattern.declined.map(\.description).sorted()
      backup = v.pattern.backup?.description
    }
  }

  struct PatternOut: Content {
    let person: String
    /// The version in effect today (null when none is agreed yet).
    let inEffect: String?
    /// Every version, newest first.
    let versions: [PatternVersionOut]
    init(_ m: PatternModel) {
      person = m.team.person.id.description
      inEffect = m.inEffect?.id.description
      versions = m.versions.map(PatternVersionOut.init)
    }
  }

  /// A person's home: address, postcode, map position, pets, smoking.
  struct HomeIO: Content {
    let address: String
    let postcode: String
    let latitude: Double
    let longitude: Double
    let hasPets: Bool
    let someoneSmokes: Bool

    init(_ h: Home) {
      (address, postcode, latitude, longitude) = (h.address, h.postcode, h.position.latitude, h.position.longitude)
      (hasPets, someoneSmokes) = (h.hasPets, h.someoneSmokes)
    }

    func home() throws -> Home {
      var v = Validator()
      v.text(address, field: "address", label: "the address", max: 300, multiline: true)
      v.text(postcode, field: "postcode", label: "the postcode", max: 10)
      try v.check()
      guard let position = GeoPoint(latitude: latitude, longitude: longitude) else {
        throw CareError.invalid([FieldError("latitude", "Give a latitude (-90 to 90) and longitude (-180 to 180)")])
      }
      return Home(
        address: address.trimmingCharacters(in: .whitespacesAndNewlines),
        postcode: postcode.trimmingCharacters(in: .whitespaces), position: position, hasPets: hasPets,
        someoneSmokes: someoneSmokes)
    }
  }
}
