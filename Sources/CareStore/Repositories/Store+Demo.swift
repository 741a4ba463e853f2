import CareCore
import Foundation

/// The accounts of the demo co-op that stand for each kind of user, for the sign-in list and tests.
public struct DemoCoop: Sendable {
  public let coop: Coop
  public let admin: Account
  public let person: Person
  public let personAccount: Account
  public let arranger: Account
  public let family: Account
  public let teamWorker: Account
  public let sameCircleWorker: Account
  public let otherCircleWorker: Account
  public let rotaKeeper: Account
  public let everyone: [Account]
}

extension Store {
  /// Builds a believable co-op: 2 circles, 12 people with teams, 20 workers, supporters, an arranger
  /// and hats held. Every account that signs in gets `passwordHash`. Names are fixed; ids come from `env`.
  public func seedDemo(passwordHash: String, env: Effects, emailDomain: String = "example.org")
    async throws -> DemoCoop
  {
    let setup = CoopSetup(
      coopName: "Calder Valley Care Co-op", registeredNumber: "RS00" + "7421",
      address: "Unit 3, Mill Yard, Hebden Bridge HX7 8AD", adminName: "Rosa Okafor",
      adminEmail: "rosa@\(emailDomain)", password: "unused-demo-password")
    let (coop, admin) = try await setUpCoop(setup, passwordHash: passwordHash, env: env)
    var everyone = [admin]
    func email(_ name: String) -> String {
      name.lowercased().replacingOccurrences(of: " ", with: ".") + "@\(emailDomain)"
    }
    func newMember(_ name: String, _ cls: MemberClass, withEmail: Bool = true) async throws -> Account {
      _ = try await addMember(
        NewMember(
          name: name, email: withEmail ? email(name) : nil, memberClass: cls, joinedOn: "2025-04-01", sharePence: 100),
        coop: coop.id, by: admin.id, env: env)
      let account =
        try await withEmail
        ? accounts(email: email(name)).first { $0.coopID == coop.id }!
        : accounts(coop: coop.id).first { $0.name == name }!
      if withEmail { try await setPasswordHash(account.id, hash: passwordHash) }
      everyone.append(account)
      return account
    }
    let circleA = try await createCircle(
      NewCircle(name: "Hebden Bridge", area: "Hebden Bridge and Heptonstall"), coop: coop.id, by: admin.id, env: env)
    let circleB = try await createCircle(
      NewCircle(name: "Todmorden", area: "Todmorden and Walsden"), coop: coop.id, by: admin.id, env: env)
    let workerNames = [
      "Amina Hussain", "Ben Walsh", "Chloe Barker", "Dev Patel", "Ellie Grant", "Farid Khan", "Grace Lund",
      "Harry Moss",
      "Iris Quinn", "Jack Turner", "Kemi Adeyemi", "Liam Brooks", "Maya Shah", "Nia Evans", "Owen Price", "Priya Nair",
      "Rhys Jones", "Sara Malik", "Tom Heald", "Zoe Fielding",
    ]
    var workers: [Account] = []
    for (i, name) in workerNames.enumerated() {
      let worker = try await newMember(name, .worker)
      try await joinCircle(i < 10 ? circleA.id : circleB.id, account: worker.id, coop: coop.id, env: env)
      workers.append(worker)
    }
    let peopleNames = [
      "Alan Whitworth", "Beth Crossley", "Colin Ashworth", "Dina Sutcliffe", "Eric Greenwood", "Fay Holt",
      "Gwen Marsden", "Hugh Pickles", "Ivy Lumb", "Joe Stansfield", "Kath Midgley", "Len Horsfall",
    ]
    var people: [(Person, Account)] = []
    for (i, name) in peopleNames.enumerated() {
      let signsIn = i % 3 == 0
      let person = try await createPerson(
        NewPerson(
          name: name, email: signsIn ? email(name) : nil, circleID: (i < 6 ? circleA.id : circleB.id).description,
          communicationNeeds: i == 0 ? "Easy Read, and please speak slowly" : nil),
        coop: coop.id, by: admin.id, env: env)
      let account = try await self.account(person.accountID)!
      if signsIn { try await setPasswordHash(account.id, hash: passwordHash) }
      try await addMembership(
        NewMembership(
          accountID: account.id.description, memberClass: .supported, joinedOn: "2025-04-01", sharePence: 100),
        coop: coop.id, by: admin.id, env: env)
      everyone.append(account)
      people.append((person, account))
      // Three regular workers and a backup from the person's own circle: continuity first.
      let pool = i < 6 ? Array(workers[0..<10]) : Array(workers[10..<20])
      let chosen = (0..<4).map { pool[(i * 3 + $0) % pool.count] }
      let team = try await self.team(person.id, coop: coop.id)!
      for (j, worker) in chosen.enumerated() {
        let invitation = Invitation(
          name: worker.name, email: worker.email!, relationship: j == 3 ? .backupWorker : .worker, isArranger: false)
        _ = try await invite(invitation, to: team, by: admin.id, onBehalfOf: person.id, env: env)
        try await respond(to: team, accept: true, by: worker.id, env: env)
      }
    }
    try await seedDemoWeek(people: people, workers: workers, coop: coop.id, admin: admin.id, env: env)
    // The first person's mother is their arranger; their brother is family.
    let (firstPerson, firstAccount) = people[0]
    let arranger = try await newMember("Maureen Whitworth", .supporter)
    let family = try await newMember("Paul Whitworth", .supporter)
    let firstTeam = try await team(firstPerson.id, coop: coop.id)!
    for (account, isArranger) in [(arranger, true), (family, false)] {
      _ = try await invite(
        Invitation(name: account.name, email: account.email!, relationship: .family, isArranger: isArranger),
        to: firstTeam, by: admin.id, onBehalfOf: nil, env: env)
      try await respond(to: firstTeam, accept: true, by: account.id, env: env)
    }
    _ = try await newMember("Sue Clegg", .community)
    let hats = try await self.hats(coop: coop.id)
    let start = Day(env.now()).iso
    func give(_ kind: HatKind, circle: ID<Circle>?, to account: Account) async throws {
      let hat = hats.first { $0.hat.kind == kind && $0.hat.circleID == circle }!
      _ = try await handOver(
        hat.hat.id, Handover(toAccountID: account.id.description, termStart: start, termEnd: nil), coop: coop.id,
        by: admin.id, env: env)
    }
    // The rota keeper of Hebden Bridge is a worker who is not in the first person's team.
    let teamWorkers = Set(try await team(firstPerson.id, coop: coop.id)!.active.map(\.account.id))
    let outsiders = workers[0..<10].filter { !teamWorkers.contains($0.id) }
    try await give(.rotaKeeper, circle: circleA.id, to: outsiders[0])
    try await give(.safeguardingLead, circle: circleA.id, to: outsiders[1])
    try await give(.rotaKeeper, circle: circleB.id, to: workers[12])
    try await give(.safeguardingLead, circle: circleB.id, to: workers[13])
    try await give(.finance, circle: nil, to: workers[19])
    try await give(.registeredManager, circle: nil, to: admin)
    try await give(.onboarding, circle: nil, to: workers[18])
    let firstTeamWorker = try await team(firstPerson.id, coop: coop.id)!.active.first {
      $0.membership.relationship == .worker
    }!.account
    return DemoCoop(
      coop: coop, admin: admin, person: firstPerson, personAccount: firstAccount, arranger: arranger, family: family,
      teamWorker: firstTeamWorker, sameCircleWorker: outsiders[2], otherCircleWorker: workers[15],
      rotaKeeper: outsiders[0], everyone: everyone)
  }
}

extension Store {
  /// The week of care for the demo: a home for each person (believable positions in the two towns), an
  /// agreed pattern with their three chosen workers and backup, and each worker's zone of consent and
  /// training — enough for the rota keeper to plan a week that keeps everyone to the workers they chose.
  func seedDemoWeek(
    people: [(Person, Account)], workers: [Account], coop: ID<Coop>, admin: ID<Account>, env: Effects
  ) async throws {
    let towns = [(53.7420, -2.0140), (53.7137, -2.0970)]  // Hebden Bridge, Todmorden (town centres)
    let streets = ["Mill Lane", "Market Street", "Birchcliffe Road", "Keighley Road", "Halifax Road", "Burnley Road"]
    let monday = CoopCalendar.london.weekStart(of: CoopCalendar.london.day(of: env.now()))
    for (i, (person, _)) in people.enumerated() {
      let (lat, lon) = towns[i < 6 ? 0 : 1]
      let k = Double(i % 6)
      try await setHome(
        Home(
          address: "\(3 + i * 7) \(streets[i % 6])", postcode: i < 6 ? "HX7 \(6 + i % 3)AB" : "OL14 \(5 + i % 3)QD",
          position: GeoPoint(
            latitude: lat + (k - 2.5) * 0.0021,
            longitude: lon + ((k * 7).truncatingRemainder(dividingBy: 5) - 2) * 0.003)!,
          hasPets: i % 4 == 1, someoneSmokes: i == 7),
        person: person.id, coop: coop, by: admin, onBehalfOf: nil, env: env)
      let team = try await self.team(person.id, coop: coop)!
      let regulars = team.active.filter { $0.membership.relationship == .worker }.map(\.account.id)
      let backup = team.active.first { $0.membership.relationship == .backupWorker }?.account.id
      var visits = [
        VisitPattern(
          days: Set(Weekday.allCases), start: 7 * 60 + 30 + (i % 4) * 20, length: 45,
          tasks: i % 3 == 0 ? [.personalCare, .medication] : [.personalCare]),
        VisitPattern(
          days: Set(Weekday.allCases), start: 17 * 60 + (i % 3) * 30, length: 30, tasks: [.meals]),
      ]
      if i % 2 == 0 {
        visits.append(
          VisitPattern(days: [.tuesday, .friday], start: 11 * 60 + (i % 4) * 15, length: 90, tasks: [.goingOut]))
      }
      let proposal = try await proposePattern(
        SupportPattern(visits: visits, flexibility: 30 + (i % 2) * 15, chosen: regulars, backup: backup),
        from: monday, person: person.id, coop: coop, by: admin, onBehalfOf: person.id, env: env)
      _ = try await answerPattern(
        proposal.id, agree: true, person: person.id, coop: coop, by: person.accountID, onBehalfOf: nil, env: env)
    }
    for (w, worker) in workers.enumerated() {
      let (lat, lon) = towns[w < 10 ? 0 : 1]
      let dayOff = Weekday.allCases[w % 7]
      let modes: [TravelMode] = [.drive, .cycle, .walk, .drive, .publicTransport]
      try await changeConsentZone(
        ConsentZone(
          availability: Weekday.allCases.filter { $0 != dayOff }.map {
            AvailableTime(day: $0, from: 7 * 60, until: 20 * 60)
          },
          mostMinutesAWeek: 32 * 60, travelMode: modes[w % modes.count],
          base: GeoPoint(latitude: lat + Double(w % 5 - 2) * 0.004, longitude: lon + Double(w % 3 - 1) * 0.005)!,
          longestJourney: 30,
          tasks: [.personalCare, .medication, .movingAndHandling, .meals, .household, .goingOut, .company],
          petsAreFine: w % 5 != 2, smokingIsFine: w % 2 == 0, coversInCircle: w % 3 == 0),
        account: worker.id, coop: coop, env: env)
      try await setTraining(
        [.personalCare, .medication, .movingAndHandling, .meals, .household, .goingOut, .company], account: worker.id,
        coop: coop, by: admin, env: env)
    }
  }
}
