/**
 * Words too common to narrow a search, as people type them (with their marks, NFC, lower case).
 * Decided before folding, on purpose: 'của' (of) is here, 'cửa' (door) is not, though both fold to 'cua'.
 * A word typed without marks ('cua') is therefore kept: it may well mean the door.
 * English ones are only those that are not also Vietnamese syllables ('an', 'to', 'in' are).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // Vietnamese function words
  'và', 'của', 'là', 'các', 'những', 'có', 'được', 'cho', 'với', 'trong', 'để', 'này', 'đã', 'một', 'thì',
  'mà', 'về', 'từ', 'theo', 'tại', 'đến', 'khi', 'như', 'cũng', 'nhưng', 'hoặc', 'bị', 'do', 'vì', 'nên',
  'rằng', 'thế', 'sẽ', 'đang', 'còn', 'rất', 'ở', 'nếu', 'hay', 'vẫn', 'đó', 'ấy', 'kia', 'nào', 'gì',
  'chỉ', 'mỗi', 'vừa', 'hơn', 'lại', 'thêm', 'việc', 'sự', 'cùng', 'qua', 'nhằm', 'đối', 'với', 'bởi',
  // English ones that are not Vietnamese syllables
  'the', 'of', 'and', 'or', 'for', 'with', 'from', 'is', 'are', 'was', 'were', 'this', 'that', 'by', 'at',
]);
