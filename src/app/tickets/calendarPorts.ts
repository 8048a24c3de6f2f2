/** The operator's working-day exceptions (built by the calendar work). */
export interface CalendarStore {}
