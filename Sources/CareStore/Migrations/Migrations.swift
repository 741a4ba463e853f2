import FluentKit

/// Every migration, in order. Append only: a shipped migration is never edited, a new one is added.
enum CareMigrations {
  static let all: [any Migration] = [
    M001_CreateCoopsAndAccounts(),
    M002_CreateCirclesAndTeams(),
    M003_CreateHats(),
    M004_CreateAuditAndSessions(),
    M005_AddEasyReadPreference(),
    M006_OneOpenRowConstraints(),
    M007_RateEventsAndSecrets(),
    M008_EmailPerCoop(),
    M009_IndexesForReads(),
    M010_EmailChanges(),
    M011_Jobs(),
    M012_WeekOfCare(),
    M013_RotaWeeks(),
    M014_CalendarFeeds(),
    M015_Cover(),
    M016_AccessGrants(),
    M017_RateReservations(),
    M018_Engagements(),
    M019_VisitRecords(),
    M020_VisitTimes(),
    M021_Medicines(),
    M022_RecordSettings(),
    M023_Media(),
    M024_MediaMeetingsAndAsking(),
    M025_Hours(),
    M026_Invoices(),
    M027_Pay(),
    M028_HoursBooks(),
    M029_SteadyPay(),
    M030_SteadyPayments(),
    M031_SupportPlans(),
    M032_Documents(),
  ]
}
