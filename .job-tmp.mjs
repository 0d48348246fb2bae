// src/pipeline/job.ts
import { VFile as VFile5 } from "vfile";

// src/diagnostics/rules.ts
var rules = {
  "not-text": {
    severity: "error",
    description: "The file is not text (NUL bytes, control characters or bytes that decode in no supported encoding); it is skipped."
  },
  "read-failed": {
    severity: "error",
    description: "The file could not be read (missing, unreadable, a folder)."
  },
  "write-failed": {
    severity: "error",
    description: "An output could not be written (permissions, disk full); other outputs are still written."
  },
  "invalid-config": {
    severity: "error",
    description: "The config file does not parse, or holds an unknown option or a value of the wrong type (checked against deckdown/config-schema.json); nothing is built."
  },
  "internal-error": {
    severity: "error",
    description: "Reading, parsing or emitting this file failed unexpectedly (a deckdown bug, or input no limit caught); this file is not built, the others are."
  },
  "file-too-large": {
    severity: "error",
    description: "The file is over the size limit (`--max-file-size`, default 16 MB); it is not built."
  },
  "field-too-long": {
    severity: "error",
    description: "One line, paragraph or field holds more characters than the limit (`--max-field-length`, default 100,000); the file is not built."
  },
  "too-deep": {
    severity: "error",
    description: "Lists, block quotes, `<details>` or HTML elements nest deeper than the limit (`--max-depth`, default 100); the file is not built."
  },
  "table-too-large": {
    severity: "error",
    description: "A table has more cells than the limit (`--max-table-cells`, default 100,000); the file is not built."
  },
  "too-many-questions": {
    severity: "error",
    description: "The file holds more questions than the limit (`--max-questions`, default 50,000); it is not built."
  },
  "encoding-repaired": {
    severity: "warning",
    description: "The text was UTF-8 decoded with a legacy code page and saved again (mojibake such as `R\u221A\xA9ponse`); it was repaired in memory. Save the file as UTF-8 to silence this."
  },
  "encoding-suspect": {
    severity: "warning",
    description: "Parts of the text look like mojibake (`\xC3\xA9`, `\u221A\xA9`) that could not be repaired, because other parts of the file are clean; re-save the damaged parts as UTF-8."
  },
  "encoding-fallback": {
    severity: "warning",
    description: "The file is not valid UTF-8 and was read as Windows-1252. Save it as UTF-8."
  },
  "invalid-frontmatter": {
    severity: "error",
    description: "The YAML frontmatter does not parse or has a field of the wrong type; the field (or all frontmatter) is ignored."
  },
  "unknown-frontmatter-key": {
    severity: "info",
    description: "A frontmatter key that deckdown does not use (kept for other tools)."
  },
  "missing-answer": {
    severity: "warning",
    description: "A question heading has no answer marker (`**Answer:**`, `**R\xE9ponse :**` \u2026) before the next heading; no card is made."
  },
  "empty-answer": {
    severity: "warning",
    description: "An answer marker is followed by nothing; no card is made."
  },
  "empty-prompt": {
    severity: "warning",
    description: "A question heading has no text; no card is made."
  },
  "implicit-answer": {
    severity: "info",
    description: "A heading ending in `?` has no answer marker; the content below it is taken as the answer."
  },
  "orphan-answer": {
    severity: "warning",
    description: "An answer marker with no question before it (no question heading or `Q:` above); it is ignored."
  },
  "choice-no-correct": {
    severity: "warning",
    description: "A multiple-choice question says no option is correct (no checked box, no `Answer: B`); no card is made."
  },
  "choice-unknown-answer": {
    severity: "warning",
    description: "A multiple-choice answer names an option letter that is not in the list; no card is made."
  },
  "empty-cloze": {
    severity: "warning",
    description: "A cloze deletion (`{{c1::}}`) hides nothing; it is left as text."
  },
  "ambiguous-dialect": {
    severity: "warning",
    description: "Readings of a file disagree (question headings, `Q:`/`A:` pairs, `<details>` questions \u2026); the one that finds the most answered questions is used, and the message says how many each would make. Set frontmatter `dialect:` to choose."
  },
  "unanswered-questions": {
    severity: "warning",
    description: "A list (or a run of headings) of questions with nothing to reveal; they make no cards. Reported once per list, with the count and the first question."
  },
  "duplicate-question": {
    severity: "warning",
    description: "Two questions ask the same thing (same normalized wording) in the same deck; the later one gets a `-2`, `-3` \u2026 suffix on its id."
  },
  "duplicate-id": {
    severity: "warning",
    description: "Two questions have the same explicit id; the later one gets a `-2`, `-3` \u2026 suffix."
  },
  "invalid-id": {
    severity: "warning",
    description: "An explicit id (`<!-- id: \u2026 -->`) is empty or has characters other than letters, digits, `.`, `_`, `-`, `:` and `/`; a derived id is used instead."
  },
  "missing-media": {
    severity: "error",
    description: "A local image, sound or video a question references does not exist; the question is built without it."
  },
  "media-outside-root": {
    severity: "error",
    description: "A media path leaves the input folder (`..`, an absolute path, or a symlink pointing outside); nothing is embedded."
  },
  "media-too-large": {
    severity: "error",
    description: "A media file is over the size limit (`--max-media-size`, default 20 MiB); it is not embedded."
  },
  "media-unknown-format": {
    severity: "warning",
    description: "A sound or video file whose bytes match no format deckdown knows (MP3, AAC, Ogg, Opus, WAV, FLAC, M4A/MP4, MOV, WebM, Matroska), or that is really an image; it is embedded as it is (or shown as the image it is)."
  },
  "remote-media": {
    severity: "info",
    description: "A sound or video at a remote URL (`https://\u2026`); it stays a link and is never downloaded."
  },
  "unusable-media": {
    severity: "warning",
    description: "An `<audio>` or `<video>` element has no `src` or `<source src>` deckdown can use (a local file or an http(s) URL); it is left out."
  },
  "csv-media-not-included": {
    severity: "warning",
    description: "A question uses local media (images) that a CSV cannot carry; import the .apkg once, or copy the files into Anki's collection.media folder, before importing the CSV."
  },
  "csv-numeric-deck": {
    severity: "warning",
    description: "A deck name is a whole number (`2024`): Anki's CSV import reads it as a deck id, so the notes would not go to that deck. Give the deck a name with a letter, or import the .apkg."
  },
  "math-error": {
    severity: "warning",
    description: "A formula (`$\u2026$`, `$$\u2026$$`) does not parse in KaTeX; print HTML shows its TeX source as code instead."
  },
  "emit-failed": {
    severity: "error",
    description: "An emitter failed on this input (a deckdown bug or an input it cannot represent); that output is not written."
  },
  "no-questions": {
    severity: "warning",
    description: "The file holds no question deckdown can read."
  },
  "cache-ignored": {
    severity: "info",
    description: "A build-cache entry is unreadable, foreign or does not match its name; it is ignored and the file is built again."
  }
};
var ruleIds = Object.keys(rules);

// src/diagnostics/report.ts
var messageSource = "deckdown";
function report(file, ruleId, reason, place, extra) {
  const point = toPlace(place);
  if (!point) {
    throw new Error(`deckdown: message \`${ruleId}\` has no position`);
  }
  const start = "start" in point ? point.start : point;
  const index = indexOf(file);
  const key = `${ruleId}\0${start.line}:${start.column}\0${reason}`;
  const existing = index.seen.get(key);
  if (existing && file.messages.includes(existing)) return existing;
  const tally = index.perRule.get(ruleId);
  if (tally && tally.shown >= maxMessagesPerRule && file.messages.includes(tally.last)) {
    tally.hidden++;
    const summary = `${tally.lastReason} (and ${tally.hidden} more \`${ruleId}\` in this file)`;
    tally.last.reason = summary;
    tally.last.message = summary;
    index.seen.set(key, tally.last);
    return tally.last;
  }
  const message = file.message(reason, { place: point, ruleId, source: messageSource });
  applySeverity(message, extra?.severity ?? rules[ruleId].severity);
  if (extra?.note) message.note = extra.note;
  index.seen.set(key, message);
  if (tally) {
    tally.shown++;
    tally.last = message;
    tally.lastReason = reason;
  } else {
    index.perRule.set(ruleId, { shown: 1, hidden: 0, last: message, lastReason: reason });
  }
  return message;
}
var maxMessagesPerRule = 20;
var indexes = /* @__PURE__ */ new WeakMap();
function indexOf(file) {
  let index = indexes.get(file);
  if (!index) {
    index = { seen: /* @__PURE__ */ new Map(), perRule: /* @__PURE__ */ new Map() };
    indexes.set(file, index);
  }
  return index;
}
function applySeverity(message, severity) {
  if (severity === "error") message.fatal = true;
  else if (severity === "warning") message.fatal = false;
  else message.fatal = void 0;
}
function toPlace(place) {
  if ("type" in place) {
    return place.position;
  }
  if ("start" in place) return place;
  if ("line" in place && place.line > 0) return place;
  return void 0;
}

// src/parse/index.ts
import { basename, dirname, extname } from "node:path";
import { toString as toString15 } from "mdast-util-to-string";
import { VFile as VFile3 } from "vfile";

// src/limits/scan.ts
var notNesting = /* @__PURE__ */ new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
  "p",
  "li",
  "dt",
  "dd",
  "tr",
  "td",
  "th",
  "option",
  "optgroup",
  "rp",
  "rt",
  "thead",
  "tbody",
  "tfoot",
  "colgroup"
]);
var nestingElements = /* @__PURE__ */ new Set([
  "a",
  "abbr",
  "address",
  "article",
  "aside",
  "b",
  "bdi",
  "bdo",
  "blockquote",
  "caption",
  "cite",
  "code",
  "data",
  "del",
  "details",
  "dfn",
  "dialog",
  "div",
  "dl",
  "em",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "i",
  "ins",
  "kbd",
  "label",
  "legend",
  "main",
  "mark",
  "nav",
  "ol",
  "pre",
  "q",
  "s",
  "samp",
  "section",
  "small",
  "span",
  "strong",
  "sub",
  "summary",
  "sup",
  "table",
  "time",
  "u",
  "ul",
  "var",
  "center",
  "font",
  "strike",
  "tt",
  "big",
  "svg",
  "math",
  "g",
  "object",
  "picture",
  "video",
  "audio",
  "button",
  "select",
  "textarea",
  "template",
  "noscript",
  "canvas",
  "menu",
  "search",
  "hgroup",
  "ruby",
  "map"
]);
var tagPattern = /<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(\/?)>/g;
var codeSpanPattern = /(`+)[^`]*?\1/g;
var listMarker = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
var headingLine = /^ {0,3}#{1,6}(?:[ \t]|$)/;
function scanText(text2, limits) {
  const listStack = [];
  let fence;
  let htmlDepth = 0;
  let detailsDepth = 0;
  let table;
  let paragraph = { size: 0, line: 1 };
  let frontmatter2 = text2.startsWith("---\n");
  let line = 0;
  for (let start = 0; start <= text2.length; ) {
    const newline = text2.indexOf("\n", start);
    const end = newline === -1 ? text2.length : newline;
    line++;
    const length = end - start;
    if (length > limits.fieldLength) {
      return { limit: "fieldLength", actual: length, what: "a line", line, column: 1 };
    }
    const content = text2.slice(start, end);
    start = end + 1;
    if (newline === -1 && content === "" && line > 1) break;
    if (frontmatter2) {
      if (line > 1 && (content === "---" || content === "...")) frontmatter2 = false;
      continue;
    }
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(content);
    if (fence) {
      if (fenceMatch?.[1] && fenceMatch[1][0] === fence.char && fenceMatch[1].length >= fence.size && content.trim() === fenceMatch[1]) {
        fence = void 0;
      }
      continue;
    }
    if (fenceMatch?.[1]) {
      fence = { char: fenceMatch[1][0] ?? "`", size: fenceMatch[1].length };
      paragraph = { size: 0, line: line + 1 };
      continue;
    }
    const blank = content.trim() === "";
    if (table) {
      if (blank) {
        table = void 0;
      } else {
        table.rows++;
        const cells = table.columns * table.rows;
        if (cells > limits.tableCells) {
          return { limit: "tableCells", actual: cells, what: `a table of ${table.columns} columns`, line: table.line, column: 1 };
        }
      }
    } else if (isDelimiterRow(content)) {
      const columns = content.split("|").filter((cell) => cell.trim() !== "").length;
      table = { columns, rows: 2, line: Math.max(1, line - 1) };
      if (columns * 2 > limits.tableCells) {
        return { limit: "tableCells", actual: columns * 2, what: `a table of ${columns} columns`, line: table.line, column: 1 };
      }
    }
    const containers = containerDepth(content, listStack);
    if (containers.depth > limits.depth) {
      return { limit: "depth", actual: containers.depth, what: "list and block quote nesting", line, column: containers.column };
    }
    if (table) {
      paragraph = { size: 0, line: line + 1 };
    } else if (blank || containers.marked || headingLine.test(content)) {
      paragraph = blank ? { size: 0, line: line + 1 } : { size: length, line };
    } else {
      paragraph.size += length + 1;
    }
    if (paragraph.size > limits.fieldLength) {
      return { limit: "fieldLength", actual: paragraph.size, what: "a paragraph (lines with no blank line between them)", line: paragraph.line, column: 1 };
    }
    if (!content.includes("<")) continue;
    const prose = content.includes("`") ? content.replace(codeSpanPattern, (span) => " ".repeat(span.length)) : content;
    tagPattern.lastIndex = 0;
    for (let match = tagPattern.exec(prose); match; match = tagPattern.exec(prose)) {
      const name = (match[2] ?? "").toLowerCase();
      if (!nestingElements.has(name) || notNesting.has(name)) continue;
      const closing = match[1] === "/";
      if (match[3] === "/") continue;
      const step = closing ? -1 : 1;
      htmlDepth = Math.max(0, htmlDepth + step);
      if (name === "details") detailsDepth = Math.max(0, detailsDepth + step);
      if (detailsDepth > limits.depth) {
        return { limit: "depth", actual: detailsDepth, what: "`<details>` nesting", line, column: match.index + 1 };
      }
      if (htmlDepth > limits.depth) {
        return { limit: "depth", actual: htmlDepth, what: "HTML element nesting", line, column: match.index + 1 };
      }
    }
  }
  return void 0;
}
function isDelimiterRow(line) {
  if (!line.includes("|") || !line.includes("-")) return false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (char !== "|" && char !== "-" && char !== ":" && char !== " " && char !== "	") return false;
  }
  return true;
}
function containerDepth(line, listStack) {
  let index = 0;
  let column = 0;
  let prefix = 0;
  let firstList = true;
  for (; ; ) {
    while (line[index] === " " || line[index] === "	") {
      column = line[index] === "	" ? column + 4 - column % 4 : column + 1;
      index++;
    }
    if (line[index] === ">") {
      prefix++;
      index++;
      column++;
      continue;
    }
    const marker = listMarker.exec(line.slice(index, index + 11));
    if (!marker) break;
    if (firstList && prefix === 0) {
      while (listStack.length > 0 && (listStack.at(-1) ?? 0) > column) listStack.pop();
      listStack.push(column + marker[0].length + 1);
      firstList = false;
    } else {
      prefix++;
    }
    index += marker[0].length;
    column += marker[0].length;
  }
  return { depth: listStack.length + prefix, column: index + 1, marked: prefix > 0 || !firstList };
}

// src/limits/table.ts
var mebibyte = 1024 * 1024;
var limitTable = [
  {
    name: "fileSize",
    default: 16 * mebibyte,
    flag: "max-file-size",
    unit: "bytes",
    ruleId: "file-too-large",
    description: "largest input file, in bytes"
  },
  {
    name: "fieldLength",
    default: 1e5,
    flag: "max-field-length",
    unit: "count",
    ruleId: "field-too-long",
    description: "most characters in one field (or one line or paragraph)"
  },
  {
    name: "depth",
    default: 100,
    flag: "max-depth",
    unit: "count",
    ruleId: "too-deep",
    description: "deepest nesting of lists, block quotes, `<details>` or HTML elements"
  },
  {
    name: "tableCells",
    default: 1e5,
    flag: "max-table-cells",
    unit: "count",
    ruleId: "table-too-large",
    description: "most cells in one table (columns \xD7 rows)"
  },
  {
    name: "questions",
    default: 5e4,
    flag: "max-questions",
    unit: "count",
    ruleId: "too-many-questions",
    description: "most questions in one file"
  }
];
var defaultLimits = Object.fromEntries(limitTable.map((row) => [row.name, row.default]));
function resolveLimits(given) {
  const limits = { ...defaultLimits };
  for (const row of limitTable) {
    const value = given?.[row.name];
    if (value === void 0 || value === null) continue;
    if (typeof value !== "number" || !(value > 0)) {
      throw new TypeError(`deckdown: limit \`${row.name}\` must be a positive number, not \`${String(value)}\``);
    }
    limits[row.name] = value;
  }
  return limits;
}

// src/limits/index.ts
function checkInputSize(file, limits) {
  const value = file.value;
  const size = typeof value === "string" ? value.length : value?.byteLength ?? 0;
  if (size <= limits.fileSize) return true;
  report(
    file,
    "file-too-large",
    `This file is ${formatBytes(size)}, over the ${formatBytes(limits.fileSize)} limit; it is not built. Split it, or raise the limit with ${hint("fileSize")}`,
    { line: 1, column: 1 }
  );
  file.value = "";
  return false;
}
function checkText(text2, file, limits) {
  const violation = scanText(text2, limits);
  if (!violation) return true;
  const limit = limits[violation.limit];
  const unit = violation.limit === "fieldLength" ? "characters" : violation.limit === "tableCells" ? "cells" : "levels";
  report(
    file,
    ruleOf(violation.limit),
    `${capitalize(violation.what)} reaches ${violation.actual.toLocaleString("en-US")} ${unit}, over the limit of ${limit.toLocaleString("en-US")}; this file is not built. Raise the limit with ${hint(violation.limit)} if it is meant`,
    { line: violation.line, column: violation.column }
  );
  return false;
}
function checkDrafts(drafts, file, limits) {
  let count2 = 0;
  for (const section of drafts) {
    for (const question of section.questions) {
      count2++;
      if (count2 > limits.questions) {
        report(
          file,
          "too-many-questions",
          `This file holds more than ${limits.questions.toLocaleString("en-US")} questions; it is not built. Split it, or raise the limit with ${hint("questions")}`,
          question.position
        );
        return false;
      }
      const fields = [question.prompt, question.answer, question.example, question.extra, ...(question.choices ?? []).map((choice) => choice.content)];
      for (const field of fields) {
        const length = field ? fieldLength(field) : 0;
        if (length > limits.fieldLength) {
          report(
            file,
            "field-too-long",
            `A field of this question holds ${length.toLocaleString("en-US")} characters, over the limit of ${limits.fieldLength.toLocaleString("en-US")}; this file is not built. Raise the limit with ${hint("fieldLength")} if it is meant`,
            field?.children[0]?.position ?? question.position
          );
          return false;
        }
      }
    }
  }
  return true;
}
function fieldLength(field) {
  let total = 0;
  for (const child of field.children) {
    const start = child.position?.start.offset;
    const end = child.position?.end.offset;
    if (start !== void 0 && end !== void 0) total += end - start;
  }
  return total;
}
function ruleOf(name) {
  const row = limitTable.find((candidate) => candidate.name === name);
  if (!row) throw new Error(`deckdown: no limit \`${name}\``);
  return row.ruleId;
}
function hint(name) {
  const row = limitTable.find((candidate) => candidate.name === name);
  return `\`--${row?.flag ?? name}\` (API: \`limits.${name}\`)`;
}
function capitalize(text2) {
  return text2.charAt(0).toUpperCase() + text2.slice(1);
}
function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
function round(value) {
  return String(Math.round(value * 10) / 10);
}

// src/text/decode.ts
import { Buffer } from "node:buffer";
import iconv2 from "iconv-lite";

// src/text/mojibake.ts
import iconv from "iconv-lite";
var ORDER = ["windows-1252", "latin1", "macintosh"];
var MAX_ROUNDS = 2;
var CODEC = {
  macintosh: "macintosh",
  "windows-1252": "windows1252",
  latin1: "latin1"
};
var tables = {};
function reverseTable(encoding) {
  const cached = tables[encoding];
  if (cached) return cached;
  const table = new Uint8Array(65536);
  const high = new Uint8Array(128);
  for (let i = 0; i < 128; i++) high[i] = 128 + i;
  const chars = iconv.decode(high, CODEC[encoding]);
  for (let i = 0; i < chars.length && i < 128; i++) {
    const code = chars.charCodeAt(i);
    if (code !== 65533) table[code] = 128 + i;
  }
  if (encoding === "macintosh") {
    table[63743] = 240;
    table[164] = 219;
    table[8364] = 219;
    table[8486] = 189;
    table[937] = 189;
  } else if (encoding === "windows-1252") {
    for (const byte of [129, 141, 143, 144, 157]) table[byte] = byte;
  }
  tables[encoding] = table;
  return table;
}
var UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
var NON_ASCII = /[^\x00-\x7f]/;
function undo(text2, encoding) {
  const table = reverseTable(encoding);
  const length = text2.length;
  const bytes = new Uint8Array(length);
  let need = 0;
  let lo = 128;
  let hi = 191;
  for (let i = 0; i < length; i++) {
    const code = text2.charCodeAt(i);
    let byte;
    if (code < 128) {
      byte = code;
    } else {
      byte = table[code];
      if (byte === 0) return null;
    }
    if (need === 0) {
      if (byte < 128) {
      } else if (byte >= 194 && byte <= 223) {
        need = 1;
      } else if (byte >= 224 && byte <= 239) {
        need = 2;
        if (byte === 224) lo = 160;
        else if (byte === 237) hi = 159;
      } else if (byte >= 240 && byte <= 244) {
        need = 3;
        if (byte === 240) lo = 144;
        else if (byte === 244) hi = 143;
      } else {
        return null;
      }
    } else {
      if (byte < lo || byte > hi) return null;
      lo = 128;
      hi = 191;
      need--;
    }
    bytes[i] = byte;
  }
  if (need !== 0) return null;
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}
function repairMojibake(text2) {
  let current = text2;
  const repaired = [];
  for (let round2 = 0; round2 < MAX_ROUNDS; round2++) {
    if (!NON_ASCII.test(current)) break;
    let next = null;
    for (const encoding of ORDER) {
      next = undo(current, encoding);
      if (next !== null) {
        repaired.push(encoding);
        break;
      }
    }
    if (next === null) break;
    current = next;
  }
  return { text: current, repaired };
}
var SIGNATURE = /Ã[\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]|â€[\u0080-\u00BF\u0153\u009D\u02DC\u2018-\u201E\u2022\u2026\u2039\u203A\u2122]|√[ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø]|‚Ä[ôúùìîò¶¢]/gu;
function findMojibake(text2) {
  let count2 = 0;
  let first;
  for (const match of text2.matchAll(SIGNATURE)) {
    count2++;
    first ??= match;
  }
  if (count2 < 2 || !first) return void 0;
  return { count: count2, sample: first[0], offset: first.index ?? 0 };
}

// src/text/decode.ts
var UTF82 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
var UTF8_LENIENT = new TextDecoder("utf-8", { ignoreBOM: true });
var BAD_CONTROL = /[\x00-\x08\x0b\x0e-\x1f]/;
var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
var NOT_CP1252_TEXT = (() => {
  const table = new Uint8Array(256);
  for (let byte = 0; byte < 32; byte++) table[byte] = 1;
  for (const byte of [9, 10, 12, 13]) table[byte] = 0;
  for (const byte of [129, 141, 143, 144, 157]) table[byte] = 1;
  return table;
})();
function decodeBytes(bytes, options) {
  const repair = options?.repairMojibake !== false;
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 255 && b1 === 254 && bytes[2] === 0 && bytes[3] === 0 || b0 === 0 && b1 === 0 && bytes[2] === 254 && bytes[3] === 255) {
    return failure("UTF-32 text is not supported: save the file as UTF-8", 1, 1);
  }
  if (b0 === 255 && b1 === 254 || b0 === 254 && b1 === 255) {
    const encoding = b0 === 255 ? "utf-16le" : "utf-16be";
    const decoded = decodeUtf16(bytes.subarray(2), encoding === "utf-16le");
    if (typeof decoded !== "string") return decoded;
    return finish(decoded, encoding, true, false, repair);
  }
  const bom = b0 === 239 && b1 === 187 && bytes[2] === 191;
  return decodeUtf8(bom ? bytes.subarray(3) : bytes, bom, repair);
}
function decodeUtf8(bytes, bom, repair) {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { line, column } = positionAtByte(bytes, nul);
    return failure("contains a NUL byte: this looks like a binary file, not text", line, column);
  }
  let text2;
  try {
    text2 = UTF82.decode(bytes);
  } catch {
    return decodeNonUtf8(bytes, bom);
  }
  return finish(text2, "utf-8", bom, false, repair);
}
function decodeNonUtf8(bytes, bom) {
  let invalid = firstInvalidUtf8(bytes);
  if (invalid === -1) invalid = 0;
  const at = positionAtByte(bytes, invalid);
  const utf8Problem = `byte ${hex(bytes[invalid] ?? 0)} at line ${at.line}, column ${at.column}`;
  if (bom) {
    return failure(`not valid UTF-8 (${utf8Problem})`, at.line, at.column);
  }
  const bad = firstNonCp1252Byte(bytes);
  if (bad === -1) {
    const text2 = iconv2.decode(bytes, "windows1252");
    return finish(text2, "windows-1252", false, true, false);
  }
  const value = bytes[bad] ?? 0;
  let why;
  if (bad === invalid) {
    why = `not valid UTF-8 (${utf8Problem}; that byte is undefined in Windows-1252 too)`;
  } else {
    const where = positionAtByte(bytes, bad);
    const what = value < 32 ? `control character ${hex(value)}` : `byte ${hex(value)}, undefined in Windows-1252,`;
    why = `not valid UTF-8 (${utf8Problem}); not read as Windows-1252 either because of ${what} at line ${where.line}, column ${where.column}`;
  }
  return failure(why, at.line, at.column);
}
function decodeUtf16(body, littleEndian) {
  const even = body.length - body.length % 2;
  let buffer;
  if (littleEndian) {
    buffer = Buffer.from(body.buffer, body.byteOffset, even);
  } else {
    buffer = Buffer.from(body.subarray(0, even));
    buffer.swap16();
  }
  const text2 = buffer.toString("utf16le");
  if (even !== body.length) {
    const { line, column } = positionIn(text2, text2.length);
    return failure("not valid UTF-16: odd number of bytes (the last character is cut off)", line, column);
  }
  const lone = LONE_SURROGATE.exec(text2);
  if (lone) {
    const { line, column } = positionIn(text2, lone.index);
    const unit = text2.charCodeAt(lone.index).toString(16).toUpperCase();
    return failure(`not valid UTF-16 (unpaired surrogate 0x${unit} at line ${line}, column ${column})`, line, column);
  }
  return text2;
}
function finish(decoded, encoding, bom, fallback, repair) {
  const control = BAD_CONTROL.exec(decoded);
  if (control) {
    const { line, column } = positionIn(decoded, control.index);
    const code = decoded.charCodeAt(control.index);
    const what = code === 0 ? "a NUL character" : `the control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    return failure(`contains ${what}: this looks like a binary file, not text`, line, column);
  }
  let text2 = decoded.includes("\r") ? decoded.replace(/\r\n?/g, "\n") : decoded;
  let repaired = [];
  if (repair) {
    const result = repairMojibake(text2);
    if (result.repaired.length > 0) {
      text2 = result.text;
      repaired = result.repaired;
      if (text2.charCodeAt(0) === 65279) text2 = text2.slice(1);
    }
  }
  return { ok: true, text: text2, encoding, bom, repaired, fallback };
}
function firstInvalidUtf8(bytes) {
  const length = bytes.length;
  let i = 0;
  while (i < length) {
    const lead = bytes[i];
    if (lead < 128) {
      i++;
      continue;
    }
    let need;
    let lo = 128;
    let hi = 191;
    if (lead >= 194 && lead <= 223) {
      need = 1;
    } else if (lead >= 224 && lead <= 239) {
      need = 2;
      if (lead === 224) lo = 160;
      else if (lead === 237) hi = 159;
    } else if (lead >= 240 && lead <= 244) {
      need = 3;
      if (lead === 240) lo = 144;
      else if (lead === 244) hi = 143;
    } else {
      return i;
    }
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === void 0 || next < lo || next > hi) return i;
      lo = 128;
      hi = 191;
    }
    i += need + 1;
  }
  return -1;
}
function firstNonCp1252Byte(bytes) {
  for (let i = 0; i < bytes.length; i++) {
    if (NOT_CP1252_TEXT[bytes[i]] === 1) return i;
  }
  return -1;
}
function positionAtByte(bytes, offset) {
  const head = bytes.subarray(0, offset);
  let text2;
  try {
    text2 = UTF82.decode(head);
  } catch {
    text2 = UTF8_LENIENT.decode(head);
  }
  return positionIn(text2, text2.length);
}
function positionIn(text2, index) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    const code = text2.charCodeAt(i);
    if (code === 10) {
      line++;
      lineStart = i + 1;
    } else if (code === 13) {
      if (i + 1 < index && text2.charCodeAt(i + 1) === 10) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}
function hex(byte) {
  return `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}
function failure(reason, line, column) {
  return { ok: false, problem: { reason, line, column } };
}

// src/parse/walk.ts
function eachNode(tree, type, each) {
  if (tree.type === type) each(tree);
  const children = tree.children;
  if (children) for (const child of children) eachNode(child, type, each);
}
function someNode(tree, type, test = () => true) {
  if (tree.type === type && test(tree)) return true;
  const children = tree.children;
  if (children) {
    for (const child of children) if (someNode(child, type, test)) return true;
  }
  return false;
}

// src/parse/cloze.ts
var opening = /\{\{c(\d{1,3})::/;
var highlight = /==(?=\S)([^=\n]*?\S)==/;
function clozeTransform(tree, file, options = {}) {
  const walk2 = (node) => {
    if (node.type !== "root" && node.type !== "list" && node.type !== "blockquote" && node.children.some((child) => child.type === "text")) {
      node.children = transformChildren(node.children, file, options);
    }
    for (const child of node.children) if ("children" in child) walk2(child);
  };
  walk2(tree);
}
function transformChildren(given, file, options) {
  const children = given.slice();
  const result = [];
  let index = 0;
  while (index < children.length) {
    const node = children[index];
    if (node.type !== "text") {
      result.push(node);
      index++;
      continue;
    }
    const open = opening.exec(node.value);
    const mark = options.highlights ? highlight.exec(node.value) : null;
    if (mark && (!open || mark.index < open.index)) {
      const before = node.value.slice(0, mark.index);
      if (before) result.push(textPart(node, 0, mark.index));
      const cloze2 = { type: "cloze", number: 0, hint: null, children: [textPart(node, mark.index + 2, mark.index + 2 + (mark[1]?.length ?? 0))] };
      const position = slice(node, mark.index, mark.index + mark[0].length);
      if (position) cloze2.position = position;
      result.push(cloze2);
      children[index] = textPart(node, mark.index + mark[0].length, node.value.length);
      continue;
    }
    if (!open) {
      result.push(node);
      index++;
      continue;
    }
    const number = Number(open[1]);
    const startInner = open.index + open[0].length;
    let closeNode = index;
    let closeAt = node.value.indexOf("}}", startInner);
    while (closeAt === -1 && closeNode + 1 < children.length) {
      closeNode++;
      const candidate = children[closeNode];
      closeAt = candidate?.type === "text" ? candidate.value.indexOf("}}") : -1;
    }
    if (closeAt === -1) {
      result.push(node);
      index++;
      continue;
    }
    if (open.index > 0) result.push(textPart(node, 0, open.index));
    let inner;
    const closing = children[closeNode];
    if (closeNode === index) {
      inner = [textPart(node, startInner, closeAt)];
    } else {
      inner = [textPart(node, startInner, node.value.length), ...children.slice(index + 1, closeNode), textPart(closing, 0, closeAt)];
    }
    let hint2 = null;
    const last = inner.at(-1);
    if (last?.type === "text") {
      const hintAt = last.value.lastIndexOf("::");
      if (hintAt !== -1) {
        hint2 = last.value.slice(hintAt + 2).trim();
        last.value = last.value.slice(0, hintAt);
      }
    }
    inner = inner.filter((part2) => part2.type !== "text" || part2.value !== "");
    const cloze = { type: "cloze", number, hint: hint2, children: inner };
    const start = pointIn(node, open.index);
    const end = pointIn(closing, closeAt + 2);
    if (start && end) cloze.position = { start, end };
    const empty2 = inner.every((part2) => part2.type === "text" && part2.value.trim() === "");
    if (empty2) {
      report(file, "empty-cloze", `Cloze \`c${number}\` is empty; it is left as text`, cloze.position ?? node.position ?? { line: 1, column: 1 });
      const literal = { type: "text", value: closing === node ? node.value.slice(open.index, closeAt + 2) : `{{c${number}::}}` };
      const place = cloze.position ?? node.position;
      if (place) literal.position = place;
      result.push(literal);
    } else {
      result.push(cloze);
    }
    children[closeNode] = textPart(closing, closeAt + 2, closing.value.length);
    index = closeNode;
  }
  return result.filter((node) => node.type !== "text" || node.value !== "");
}
function renumberHighlights(fields) {
  let highest = 0;
  for (const field of fields) eachNode(field, "cloze", (node) => void (highest = Math.max(highest, node.number)));
  for (const field of fields) {
    eachNode(field, "cloze", (node) => {
      if (node.number === 0) node.number = ++highest;
    });
  }
}
function clozeNumbers(fields) {
  const numbers = /* @__PURE__ */ new Set();
  for (const field of fields) eachNode(field, "cloze", (node) => void numbers.add(node.number));
  return [...numbers].sort((a, b) => a - b);
}
function textPart(node, from, to) {
  const part2 = { type: "text", value: node.value.slice(from, to) };
  const position = slice(node, from, to);
  if (position) part2.position = position;
  return part2;
}
function slice(node, from, to) {
  const start = pointIn(node, from);
  const end = pointIn(node, to);
  return start && end ? { start, end } : node.position;
}
function pointIn(node, at) {
  const position = node.position;
  if (!position) return void 0;
  const exact = position.start.offset !== void 0 && position.end.offset !== void 0 && position.end.offset - position.start.offset === node.value.length;
  if (!exact) return at === 0 ? position.start : position.end;
  if (at === node.value.length) return position.end;
  let { line, column } = position.start;
  for (const character of node.value.slice(0, at)) {
    if (character === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column, offset: (position.start.offset ?? 0) + at };
}

// src/parse/dialects/details.ts
import { toString as toString6 } from "mdast-util-to-string";

// src/parse/level.ts
import { toString as toString2 } from "mdast-util-to-string";

// src/parse/dialects/body.ts
import { toString } from "mdast-util-to-string";

// src/parse/phrasing-lines.ts
function phrasingLines(children) {
  const lines = [[]];
  for (const child of children) {
    if (child.type === "break") {
      lines.push([]);
      continue;
    }
    if (child.type !== "text" || !child.value.includes("\n")) {
      lines.at(-1)?.push(child);
      continue;
    }
    const parts = child.value.split("\n");
    let line = child.position?.start.line;
    let offset = child.position?.start.offset;
    let column = child.position?.start.column;
    for (const [partIndex, part2] of parts.entries()) {
      if (partIndex > 0) {
        lines.push([]);
        line = line === void 0 ? void 0 : line + 1;
        column = 1;
      }
      if (part2) {
        const text2 = { type: "text", value: part2 };
        if (line !== void 0 && column !== void 0) {
          const start = { line, column };
          const end = { line, column: column + part2.length };
          if (offset !== void 0) {
            start.offset = offset;
            end.offset = offset + part2.length;
          }
          text2.position = { start, end };
        }
        lines.at(-1)?.push(text2);
      }
      if (offset !== void 0) offset += part2.length + 1;
      if (column !== void 0) column += part2.length;
    }
  }
  return lines.map((line) => trimLeadingSpace(line)).filter((line) => line.length > 0);
}
function trimLeadingSpace(line) {
  const first = line[0];
  if (first?.type !== "text") return line;
  const value = first.value.replace(/^[ \t]+/, "");
  if (value === "") return line.slice(1);
  return value === first.value ? line : [{ ...first, value }, ...line.slice(1)];
}

// src/parse/choice.ts
var labelPattern = /^\s*\(?([A-Za-z]|\d{1,2})\s*(?:[:).]\s+|[:)]$)/;
function findOptions(blocks) {
  for (let index = blocks.length - 1; index >= 0; index--) {
    const block = blocks[index];
    if (!block) continue;
    const choices = block.type === "list" ? fromList(block) : block.type === "paragraph" ? fromLines(block) : void 0;
    if (choices) return { index, ...choices };
  }
  return void 0;
}
function fromList(list) {
  if (list.children.length < 2) return void 0;
  const tasks = list.children.every((item) => typeof item.checked === "boolean");
  if (tasks) {
    return { checked: true, labelled: false, choices: list.children.map((item) => ({ label: null, content: itemContent(item), correct: item.checked === true })) };
  }
  const labelled = list.children.map((item) => labelOf(item));
  if (isLabelSequence(labelled)) {
    return { checked: false, labelled: true, choices: list.children.map((item, index) => ({ label: labelled[index] ?? null, content: itemContent(item, true), correct: false })) };
  }
  if (list.ordered && list.children.every((item) => item.children.length === 1 && item.children[0]?.type === "paragraph")) {
    const start = list.start ?? 1;
    return { checked: false, labelled: false, choices: list.children.map((item, index) => ({ label: String(start + index), content: itemContent(item), correct: false })) };
  }
  return void 0;
}
function fromLines(paragraph) {
  const lines = splitInlineOptions(phrasingLines(paragraph.children));
  if (lines.length < 2) return void 0;
  const choices = [];
  for (const line of lines) {
    const first = line[0];
    const match = first?.type === "text" ? labelPattern.exec(first.value) : null;
    if (!match || !first || first.type !== "text") return void 0;
    const rest = [{ ...first, value: first.value.slice(match[0].length) }, ...line.slice(1)];
    const content = { type: "root", children: [{ type: "paragraph", children: rest }] };
    choices.push({ label: match[1] ?? null, content, correct: false });
  }
  if (!isLabelSequence(choices.map((choice) => choice.label ?? void 0))) return void 0;
  return { checked: false, labelled: true, choices };
}
function isLabelSequence(labels) {
  return labels.every((label, index) => {
    if (label === void 0) return false;
    if (/^\d+$/.test(label)) return Number(label) === index + 1;
    return label.toLowerCase() === String.fromCharCode(97 + index);
  });
}
function labelOf(item) {
  const paragraph = item.children[0];
  const first = paragraph?.type === "paragraph" ? paragraph.children[0] : void 0;
  if (!first || first.type !== "text") return void 0;
  return labelPattern.exec(first.value)?.[1];
}
function itemContent(item, dropLabel = false) {
  const children = structuredClone(item.children);
  if (dropLabel) {
    const paragraph = children[0];
    const first = paragraph?.type === "paragraph" ? paragraph.children[0] : void 0;
    if (paragraph?.type === "paragraph" && first?.type === "text") {
      const match = labelPattern.exec(first.value);
      if (match) first.value = first.value.slice(match[0].length);
    }
  }
  const content = { type: "root", children };
  if (item.position) content.position = item.position;
  return content;
}
function splitInlineOptions(lines) {
  const [line] = lines;
  if (lines.length !== 1 || !line) return lines;
  const parts = [[]];
  for (const node of line) {
    if (node.type !== "text") {
      parts.at(-1)?.push(node);
      continue;
    }
    const pieces = node.value.split(inlineOptionGap);
    pieces.forEach((piece, index) => {
      if (index > 0) parts.push([]);
      if (piece) parts.at(-1)?.push({ type: "text", value: index > 0 ? piece.trimStart() : piece });
    });
  }
  const options = parts.filter((part2) => part2.length > 0);
  return options.length >= 2 ? options : lines;
}
var inlineOptionGap = /(?:[\u2002\u2003\u2009\t]+\s*|\s{2,}|\s+\|\s+)(?=\(?(?:[A-Za-z]|\d{1,2})\s*[:).]\s)/u;
var separator = String.raw`\s*(?:,|&|/|\band\b|\bet\b|\by\b|\bund\b|\be\b|\bor\b|\bou\b|\bo\b|、|，)\s*`;
var lettersOnly = new RegExp(String.raw`^\s*\(?((?:[A-Za-z]|\d{1,2})(?:\)?${separator}\(?(?:[A-Za-z]|\d{1,2}))*)\s*[.)]?\s*$`, "u");
var lettersThen = new RegExp(String.raw`^\s*\(?((?:[A-Za-z]|\d{1,2})(?:\)?${separator}\(?(?:[A-Za-z]|\d{1,2}))*)\s*(?:[.):]|\s[-–—]|(?=\n))\s*`, "u");
function answerLetters(text2) {
  const match = lettersOnly.exec(text2) ?? lettersThen.exec(text2);
  if (!match) return void 0;
  const letters = (match[1] ?? "").split(new RegExp(separator, "u")).map((letter) => letter.replace(/[()]/g, "").trim()).filter(Boolean);
  return { letters, length: match[0].length };
}
function sameLabel(a, b) {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}

// src/parse/directives.ts
var comment = /^<!--([\s\S]*?)-->$/;
function directivesFromComment(html) {
  const match = comment.exec(html.trim());
  if (!match) return void 0;
  const parts = (match[1] ?? "").split(";").map((part2) => part2.trim()).filter(Boolean);
  if (parts.length === 0) return void 0;
  const directives = {};
  for (const part2 of parts) {
    const [rawKey = "", ...rest] = part2.split(":");
    const key = rawKey.trim().toLowerCase();
    const value = rest.join(":").trim();
    if (key === "id" && rest.length > 0) directives.id = value;
    else if (key === "tags" && rest.length > 0) directives.tags = value.split(/[\s,]+/).filter(Boolean);
    else if (key === "reversed" && rest.length === 0) directives.reversed = true;
    else return void 0;
  }
  return directives;
}
function mergeDirectives(a, b) {
  const merged = { ...a, ...b };
  if (a.tags || b.tags) merged.tags = [...a.tags ?? [], ...b.tags ?? []];
  return merged;
}

// src/parse/markers.ts
var markerTables = {
  en: {
    question: ["q", "question"],
    answer: ["a", "ans", "answer", "answers", "expected answer", "correct answer", "short answer", "sample answer", "model answer", "suggested answer", "solution"],
    example: ["example", "examples"],
    extra: ["explanation", "notes"]
  },
  fr: {
    question: ["question"],
    answer: ["r", "r\xE9ponse", "r\xE9ponse attendue", "bonne r\xE9ponse", "r\xE9ponses", "solution"],
    example: ["exemple", "exemples"],
    extra: ["explication", "explications", "remarque", "remarques"]
  },
  es: {
    question: ["p", "pregunta"],
    answer: ["r", "respuesta", "respuesta correcta", "soluci\xF3n"],
    example: ["ejemplo", "ejemplos"],
    extra: ["explicaci\xF3n", "nota", "notas"]
  },
  de: {
    question: ["f", "frage"],
    answer: ["antwort", "richtige antwort", "l\xF6sung"],
    example: ["beispiel", "beispiele"],
    extra: ["erkl\xE4rung", "erl\xE4uterung", "anmerkung"]
  },
  it: {
    question: ["d", "domanda"],
    answer: ["r", "risposta", "risposta corretta", "soluzione"],
    example: ["esempio", "esempi"],
    extra: ["spiegazione", "nota", "note"]
  },
  pt: {
    question: ["p", "pergunta", "quest\xE3o"],
    answer: ["r", "resposta", "resposta correta", "solu\xE7\xE3o"],
    example: ["exemplo", "exemplos"],
    extra: ["explica\xE7\xE3o", "nota", "notas"]
  },
  zh: {
    question: ["\u95EE", "\u95EE\u9898", "\u984C\u76EE", "\u9898\u76EE", "\u554F\u984C"],
    answer: ["\u7B54", "\u7B54\u6848", "\u56DE\u7B54", "\u53C3\u8003\u7B54\u6848", "\u53C2\u8003\u7B54\u6848", "\u89E3\u7B54"],
    example: ["\u4F8B", "\u4F8B\u5B50", "\u793A\u4F8B", "\u7BC4\u4F8B", "\u8303\u4F8B"],
    extra: ["\u89E3\u91CA", "\u89E3\u6790", "\u8AAA\u660E", "\u8BF4\u660E", "\u6CE8"]
  }
};
var shortLabel = /^\p{L}$/u;
var lookup = buildLookup(markerTables);
function markerField(label) {
  const normalized = normalizeLabel(label);
  if (shortLabel.test(normalized) && !/[:：]\s*$/.test(label)) return void 0;
  return lookup.get(normalized);
}
function markerAtStart(text2) {
  const match = /^[\s\u00A0\u202F]*([^\s:：][^:：\n]{0,40}?)[\s\u00A0\u202F]*[:：][\s\u00A0\u202F]*/u.exec(text2);
  if (!match) return void 0;
  const field = lookup.get(normalizeLabel(match[1] ?? ""));
  return field ? { field, length: match[0].length } : void 0;
}
function normalizeLabel(label) {
  return label.normalize("NFC").toLowerCase().replace(/[\s\u00A0\u202F]+/g, " ").replace(/\s*[:：]\s*$/, "").trim();
}
function buildLookup(tables2) {
  const map = /* @__PURE__ */ new Map();
  for (const table of Object.values(tables2)) {
    for (const field of ["question", "answer", "example", "extra"]) {
      for (const label of table[field]) if (!map.has(normalizeLabel(label))) map.set(normalizeLabel(label), field);
    }
  }
  return map;
}

// src/parse/structure/details.ts
import { visit as visit2 } from "unist-util-visit";

// src/parse/markdown.ts
import { definitions } from "mdast-util-definitions";
import { SKIP, visit } from "unist-util-visit";

// src/parse/blocks.ts
var defaultBlockSize = 16 * 1024;
function parseInBlocks(text2, parse2, size = defaultBlockSize) {
  if (text2.length <= size || text2.includes("]:")) return parse2(text2);
  const frontmatter2 = frontmatterEnd(text2);
  const children = [];
  let start = 0;
  let line = 1;
  let first;
  while (start < text2.length) {
    let want = size;
    let piece;
    let end;
    let next;
    for (; ; ) {
      end = lineStartFrom(text2, Math.max(start + want, frontmatter2));
      piece = parse2(text2.slice(start, end));
      if (end === text2.length) break;
      next = restartAt(piece, start, text2);
      if (next !== void 0) break;
      want *= 2;
    }
    if (start === 0) first = piece;
    const kept = next === void 0 ? piece.children : piece.children.slice(0, next.kept);
    if (start > 0) for (const child of kept) shiftPositions(child, line - 1, start);
    for (const child of kept) children.push(child);
    if (next === void 0) break;
    line += countLines(text2, start, next.offset);
    start = next.offset;
  }
  const root = { type: "root", children };
  const startOfText = first?.position?.start;
  if (startOfText) root.position = { start: startOfText, end: endPoint(text2) };
  return root;
}
function frontmatterEnd(text2) {
  if (!text2.startsWith("---")) return 0;
  const close = /\n---[ \t]*(?:\n|$)/.exec(text2.slice(3));
  return close ? 3 + close.index + close[0].length : text2.length;
}
function lineStartFrom(text2, offset) {
  if (offset >= text2.length) return text2.length;
  if (offset === 0 || text2[offset - 1] === "\n") return offset;
  const newline = text2.indexOf("\n", offset);
  return newline === -1 ? text2.length : newline + 1;
}
function restartAt(piece, pieceStart, text2) {
  for (let index = piece.children.length - 1; index > 0; index--) {
    const position = piece.children[index]?.position?.start;
    if (position?.offset === void 0) return void 0;
    const lineStart = pieceStart + position.offset - (position.column - 1);
    if (lineStart <= pieceStart || text2.startsWith("---", lineStart)) continue;
    const head = text2.slice(lineStart, lineStart + 10);
    if (/^ {0,3}#{1,6}(?:[ \t]|\n|$)/.test(head) || previousLineBlank(text2, lineStart) && /^[^\s\d\-*+<|]/.test(head)) {
      return { offset: lineStart, kept: index };
    }
  }
  return void 0;
}
function previousLineBlank(text2, lineStart) {
  const previousStart = text2.lastIndexOf("\n", lineStart - 2) + 1;
  return /^[ \t]*\n$/.test(text2.slice(previousStart, lineStart));
}
function shiftPositions(block, lines, offset) {
  const shift = (point) => {
    point.line += lines;
    if (point.offset !== void 0) point.offset += offset;
  };
  const visit6 = (node) => {
    if (node.position) {
      shift(node.position.start);
      shift(node.position.end);
    }
    if (node.children) for (const child of node.children) visit6(child);
  };
  visit6(block);
}
function countLines(text2, from, to) {
  let count2 = 0;
  for (let index = text2.indexOf("\n", from); index !== -1 && index < to; index = text2.indexOf("\n", index + 1)) count2++;
  return count2;
}
function endPoint(text2) {
  const lastNewline = text2.lastIndexOf("\n");
  return { line: countLines(text2, 0, text2.length) + 1, column: text2.length - lastNewline, offset: text2.length };
}

// src/parse/syntax.ts
import { frontmatterFromMarkdown } from "mdast-util-frontmatter";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { mathFromMarkdown } from "mdast-util-math";
import { frontmatter } from "micromark-extension-frontmatter";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { math } from "micromark-extension-math";
import remarkParse from "remark-parse";
import { unified } from "unified";
var features = [
  {
    name: "gfm-autolink-literal",
    // `www.`, `http://`/`https://` (either case), or an email address: a
    // local-part character right before `@` and a domain character right
    // after it. `mailto:` and `xmpp:` links hold an address too. A Python
    // decorator (`@cache` at a line start) is none of these.
    couldMatch: (text2) => /www\.|https?:\/\/|[\w+.-]@[\w-]/i.test(text2),
    micromark: gfmAutolinkLiteral(),
    mdast: gfmAutolinkLiteralFromMarkdown()
  },
  { name: "gfm-footnote", couldMatch: (text2) => text2.includes("[^"), micromark: gfmFootnote(), mdast: gfmFootnoteFromMarkdown() },
  { name: "gfm-strikethrough", couldMatch: (text2) => text2.includes("~"), micromark: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown() },
  // A table's delimiter row holds a `|` or an alignment colon: one column
  // can be `a` over `:--` (or `--:`).
  { name: "gfm-table", couldMatch: (text2) => /\||:-|-:/.test(text2), micromark: gfmTable(), mdast: gfmTableFromMarkdown() },
  // `[ ]`, `[x]`, `[X]` (the space may be a tab or a line ending).
  { name: "gfm-task-list-item", couldMatch: (text2) => /\[[\sxX]\]/.test(text2), micromark: gfmTaskListItem(), mdast: gfmTaskListItemFromMarkdown() },
  // Only the very start of a text (after a byte order mark) opens frontmatter.
  { name: "frontmatter", couldMatch: (text2) => /^\uFEFF?---/.test(text2), micromark: frontmatter("yaml"), mdast: frontmatterFromMarkdown("yaml") },
  { name: "math", couldMatch: (text2) => text2.includes("$"), micromark: math(), mdast: mathFromMarkdown() }
];
var parsers = /* @__PURE__ */ new Map();
function syntaxParser(text2) {
  let mask = 0;
  for (const [index, feature] of features.entries()) if (feature.couldMatch(text2)) mask |= 1 << index;
  return parserWith(mask);
}
function parserWith(mask) {
  let parser = parsers.get(mask);
  if (parser) return parser;
  const chosen = features.filter((_, index) => (mask & 1 << index) !== 0);
  const processor2 = unified().use(remarkParse).use(function syntaxExtensions() {
    const data = this.data();
    data.micromarkExtensions = chosen.map((feature) => feature.micromark);
    data.fromMarkdownExtensions = chosen.map((feature) => feature.mdast);
  }).freeze();
  parser = (text2) => processor2.parse(text2);
  parsers.set(mask, parser);
  return parser;
}

// src/parse/markdown.ts
function parseMarkdown(text2, blockSize = defaultBlockSize) {
  const tree = parseInBlocks(text2, (piece) => syntaxParser(piece)(piece), blockSize);
  if (text2.includes("$")) tidyMath(tree, text2);
  if (text2.includes("]:")) resolveReferences(tree);
  return tree;
}
function resolveReferences(tree) {
  const definition = definitions(tree);
  visit(tree, (node, index, parent) => {
    if (node.type !== "imageReference" && node.type !== "linkReference" || !parent || index === void 0) return void 0;
    const found = definition(node.identifier);
    if (!found) return void 0;
    const replacement = node.type === "imageReference" ? { type: "image", url: found.url, title: found.title ?? null, alt: node.alt ?? null } : { type: "link", url: found.url, title: found.title ?? null, children: node.children };
    if (node.position) replacement.position = node.position;
    parent.children.splice(index, 1, replacement);
    return void 0;
  });
}
function tidyMath(tree, text2) {
  visit(tree, (node, index, parent) => {
    if (node.type !== "inlineMath" && node.type !== "math") return void 0;
    const math2 = node;
    delete math2.data;
    if (math2.type !== "inlineMath" || !parent || index === void 0) return void 0;
    const start = math2.position?.start.offset;
    const end = math2.position?.end.offset;
    if (start === void 0 || end === void 0) return void 0;
    const source = text2.slice(start, end);
    if (source.startsWith("$$")) {
      math2.data = { display: true };
      return void 0;
    }
    const looksLikeMoney = math2.value.trim() !== math2.value || math2.value === "" || /^\d/.test(text2.slice(end, end + 1));
    if (!looksLikeMoney) return void 0;
    const replacement = { type: "text", value: source };
    if (math2.position) replacement.position = math2.position;
    parent.children.splice(index, 1, replacement);
    mergeTexts(parent.children, index);
    return [SKIP, index];
  });
}
function mergeTexts(children, index) {
  let at = index;
  const previous = children[at - 1];
  const current = children[at];
  if (previous?.type === "text" && current?.type === "text") {
    previous.value = (previous.value ?? "") + (current.value ?? "");
    if (previous.position && current.position) previous.position = { start: previous.position.start, end: current.position.end };
    children.splice(at, 1);
    at--;
  }
  const here = children[at];
  const next = children[at + 1];
  if (here?.type === "text" && next?.type === "text") {
    here.value = (here.value ?? "") + (next.value ?? "");
    if (here.position && next.position) here.position = { start: here.position.start, end: next.position.end };
    children.splice(at + 1, 1);
  }
}

// src/parse/structure/details.ts
var opening2 = /^\s*<details[\s>]/i;
var revealLabels = /^(?:show|see|view|click(?: here)? to (?:see|show|view|expand|reveal)|reveal|toggle|expand)?\s*(?:the\s+)?(?:answer|answers|solution|solutions|explanation|hint|details|more|code|output|result|example|deep dive|click to expand)s?\s*(?:[:.!]|👇|👀|💡|⬇|▶)?$/iu;
var supplementLabels = /^(?:(?:a\s+)?deep[\s-]*dive|details|more|more details|read more|learn more|explanation|example|examples|hint|code|output|notes?|bonus|pour aller plus loin|en savoir plus|détails|más|mehr|dettagli|mais|详情|详解|更多|扩展|拓展)\b/iu;
function isSupplementLabel(text2) {
  if (text2 === void 0) return false;
  return supplementLabels.test(text2.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, "").trim());
}
var hintLabels = /^(?:show\s+)?(?:hint|hints|clue|tip|indice|indices|astuce|pista|pistas|hinweis|tipp|suggerimento|indizio|dica|dicas|提示|线索)\b/iu;
function isHintLabel(text2) {
  return text2 !== void 0 && hintLabels.test(text2.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, "").trim());
}
function summaryText(summary) {
  if (!summary) return void 0;
  let text2 = "";
  for (const node of summary) text2 += "value" in node ? node.value : "";
  return text2.trim();
}
function isRevealLabel(text2) {
  const trimmed = text2.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, "").trim();
  if (trimmed === "") return true;
  if (revealLabels.test(trimmed)) return true;
  const field = markerField(trimmed);
  return field === "answer" || field === "example" || field === "extra";
}
function revealsAnswer(blocks, start) {
  const text2 = summaryText(collectDetails(blocks, start).summary);
  return text2 === void 0 || isRevealLabel(text2) && !isSupplementLabel(text2);
}
function opensDetails(block) {
  return block?.type === "html" && opening2.test(block.value);
}
function collectDetails(blocks, start) {
  const first = blocks[start];
  let depth = 0;
  let end = start;
  for (; end < blocks.length; end++) {
    depth += detailsBalanceOf(blocks[end]);
    if (depth <= 0) break;
  }
  const last = Math.min(end, blocks.length - 1);
  const summaryMatch = /<summary\b[^>]*>([\s\S]*?)<\/summary\s*>/i.exec(first.value);
  let summary = summaryMatch ? summaryPhrasing(summaryMatch[1] ?? "", first) : void 0;
  const inner = [];
  const summaryBlocks = [];
  const openSummary = summaryMatch ? void 0 : /<summary\b[^>]*>([\s\S]*)$/i.exec(first.value);
  const summaryEnd = openSummary ? findSummaryEnd(blocks, start + 1, last) : -1;
  if (openSummary && summaryEnd !== -1) {
    summary = summaryPhrasing(openSummary[1] ?? "", first);
    for (let between = start + 1; between < summaryEnd; between++) summaryBlocks.push(blocks[between]);
    const closing = blocks[summaryEnd];
    if (closing.type === "html") {
      const after = closing.value.slice(closing.value.search(/<\/summary\s*>/i)).replace(/^<\/summary\s*>/i, "");
      const rest = summaryEnd === last ? insideText(after) : insideText(after.replace(/<\/details\s*>[\s\S]*$/i, ""));
      if (rest) inner.push(...reparse(closing, rest));
    } else {
      const trimmed = withoutClosingTags(closing);
      if (trimmed) summaryBlocks.push(trimmed);
    }
    for (let between = summaryEnd + 1; between < last; between++) {
      const candidate = blocks[between];
      if (candidate.type === "html" && isLayoutOnly(candidate.value)) continue;
      inner.push(candidate);
    }
    if (last > summaryEnd) pushClosing(blocks[last], inner);
    return { summary, summaryBlocks, summaryPosition: first.position, inner, next: last + 1, position: spanOf(first, blocks[last]) };
  }
  const openingRest = insideText(first.value);
  if (last === start) {
    if (openingRest) inner.push(...reparse(first, openingRest));
  } else {
    if (openingRest) inner.push(...reparse(first, openingRest));
    for (let between = start + 1; between < last; between++) {
      const candidate = blocks[between];
      if (candidate.type === "html" && isLayoutOnly(candidate.value)) continue;
      inner.push(candidate);
    }
    pushClosing(blocks[last], inner);
  }
  return { summary, summaryBlocks, summaryPosition: first.position, inner, next: last + 1, position: spanOf(first, blocks[last]) };
}
function pushClosing(closing, inner) {
  if (closing.type === "html") {
    const closingRest = insideText(closing.value);
    if (closingRest) inner.push(...reparse(closing, closingRest));
    return;
  }
  const trimmed = withoutClosingTags(closing);
  if (trimmed) inner.push(trimmed);
}
function spanOf(first, last) {
  const start = first.position?.start;
  const end = last.position?.end;
  return start && end ? { start, end } : void 0;
}
function findSummaryEnd(blocks, from, to) {
  for (let index = from; index <= to; index++) {
    const block = blocks[index];
    if (block.type === "html") {
      if (/<\/summary\s*>/i.test(block.value)) return index;
      continue;
    }
    if (block.type === "code" || block.type === "math") continue;
    let found = false;
    visit2(block, "html", (node) => {
      if (/<\/summary\s*>/i.test(node.value)) found = true;
    });
    if (found) return index;
  }
  return -1;
}
function detailsBalanceOf(block) {
  if (block.type === "html") return detailsBalance(block.value);
  if (block.type === "code" || block.type === "math") return 0;
  let balance = 0;
  eachNode(block, "html", (node) => {
    balance += detailsBalance(node.value);
  });
  return balance;
}
function detailsBalance(html) {
  return count(html, /<details[\s>]/gi) - count(html, /<\/details\s*>/gi);
}
function count(text2, pattern) {
  return text2.match(pattern)?.length ?? 0;
}
function insideText(html) {
  const stripped = html.replace(/<details\b[^>]*>/gi, "").replace(/<summary\b[^>]*>[\s\S]*?<\/summary\s*>/gi, "").replace(/<\/details\s*>/gi, "");
  if (isLayoutOnly(stripped)) return "";
  return stripped.replace(/^(?:\s*<\/?(?:p|div|br|b|strong)\b[^>]*>)+/i, "").replace(/(?:<\/?(?:p|div|br|b|strong)\b[^>]*>\s*)+$/i, "").trim();
}
function isLayoutOnly(html) {
  return /^(?:\s*<\/?(?:p|div|br|span|b|strong|hr)\b[^>]*>\s*)*\s*$/i.test(html);
}
function withoutClosingTags(block) {
  const copy = structuredClone(block);
  const paragraph = lastParagraph(copy);
  if (!paragraph) return copy;
  const children = paragraph.children;
  while (children.length > 0) {
    const tail = children.at(-1);
    if (tail.type === "html" && /^(?:\s*<\/?(?:details|summary|b|strong|p|div|br)\b[^>]*>)+\s*$/i.test(tail.value)) children.pop();
    else if (tail.type === "text" && tail.value.trim() === "") children.pop();
    else if (tail.type === "break") children.pop();
    else break;
  }
  const last = children.at(-1);
  if (last?.type === "text" && last.value !== last.value.trimEnd()) children[children.length - 1] = { ...last, value: last.value.trimEnd() };
  if (children.length > 0) return copy;
  if (copy === paragraph) return void 0;
  removeEmptyParagraphs(copy);
  return copy;
}
function lastParagraph(node) {
  if (node.type === "paragraph") return node;
  if (!("children" in node)) return void 0;
  const last = node.children.at(-1);
  return last ? lastParagraph(last) : void 0;
}
function removeEmptyParagraphs(node) {
  if (!("children" in node)) return;
  const children = node.children;
  for (const child of children) removeEmptyParagraphs(child);
  const kept = children.filter((child) => !(child.type === "paragraph" && child.children.length === 0));
  node.children = kept;
}
function summaryPhrasing(html, near) {
  const nodes = [];
  const position = near.position;
  const pieces = html.split(/(<code\b[^>]*>[\s\S]*?<\/code\s*>)/i);
  for (const piece of pieces) {
    const code = /^<code\b[^>]*>([\s\S]*?)<\/code\s*>$/i.exec(piece);
    const value = decodeEntities((code ? code[1] ?? "" : piece).replace(/<[^>]*>/g, ""));
    if (!value) continue;
    const node = code ? { type: "inlineCode", value } : { type: "text", value: value.replace(/\s+/g, " ") };
    if (position) node.position = position;
    nodes.push(node);
  }
  const first = nodes[0];
  if (first?.type === "text") first.value = first.value.trimStart();
  const lastNode = nodes.at(-1);
  if (lastNode?.type === "text") lastNode.value = lastNode.value.trimEnd();
  return nodes.filter((node) => node.type !== "text" || node.value !== "");
}
var namedEntities = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\xA0", "#39": "'" };
function decodeEntities(text2) {
  return text2.replace(/&(#x[\da-f]+|#\d+|[a-z]+\d*);/gi, (whole, name) => {
    if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return namedEntities[name.toLowerCase()] ?? whole;
  });
}
function reparse(block, inside) {
  const at = block.value.indexOf(inside);
  const tree = parseMarkdown(inside);
  const base = block.position?.start;
  if (!base) {
    visit2(tree, (node) => {
      delete node.position;
    });
    return tree.children.filter((node) => node.type !== "yaml");
  }
  const before = block.value.slice(0, Math.max(0, at));
  const lineDelta = before.split("\n").length - 1;
  const lastNewline = before.lastIndexOf("\n");
  const firstLineColumn = (lastNewline === -1 ? base.column + before.length : before.length - lastNewline) - 1;
  const offsetBase = (base.offset ?? 0) + Math.max(0, at);
  const move = (point) => {
    const moved = { line: point.line + base.line - 1 + lineDelta, column: point.line === 1 ? point.column + firstLineColumn : point.column };
    if (point.offset !== void 0 && base.offset !== void 0) moved.offset = point.offset + offsetBase;
    return moved;
  };
  visit2(tree, (node) => {
    if (node.position) node.position = { start: move(node.position.start), end: move(node.position.end) };
  });
  return tree.children.filter((node) => node.type !== "yaml");
}

// src/parse/structure/forms.ts
var imperativeWords = {
  en: [
    "explain",
    "describe",
    "list",
    "define",
    "compare",
    "write",
    "name",
    "implement",
    "create",
    "give",
    "state",
    "discuss",
    "differentiate",
    "distinguish",
    "outline",
    "show",
    "illustrate",
    "summarize",
    "summarise",
    "mention",
    "tell",
    "find",
    "identify",
    "contrast",
    "elaborate",
    "enumerate",
    "demonstrate",
    "design",
    "build",
    "convert",
    "reverse",
    "sort",
    "calculate",
    "count",
    "check",
    "print",
    "predict",
    "how",
    "what",
    "why",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "whose",
    "is",
    "are",
    "can",
    "could",
    "should",
    "does",
    "do",
    "did",
    "will",
    "would",
    "difference",
    "differences"
  ],
  fr: [
    "expliquez",
    "expliquer",
    "explique",
    "d\xE9crivez",
    "d\xE9crire",
    "d\xE9cris",
    "citez",
    "citer",
    "cite",
    "d\xE9finissez",
    "d\xE9finir",
    "d\xE9finis",
    "comparez",
    "comparer",
    "compare",
    "\xE9crivez",
    "\xE9crire",
    "\xE9cris",
    "nommez",
    "nommer",
    "donnez",
    "donner",
    "donne",
    "listez",
    "lister",
    "\xE9num\xE9rez",
    "\xE9num\xE9rer",
    "impl\xE9mentez",
    "impl\xE9menter",
    "cr\xE9ez",
    "cr\xE9er",
    "pr\xE9sentez",
    "pr\xE9senter",
    "quelle",
    "quel",
    "quels",
    "quelles",
    "comment",
    "pourquoi",
    "quand",
    "o\xF9",
    "qu'est-ce",
    "qu\u2019est-ce",
    "que",
    "qui",
    "combien",
    "diff\xE9rence",
    "diff\xE9rences"
  ],
  es: [
    "explique",
    "explica",
    "explicar",
    "describa",
    "describe",
    "describir",
    "enumere",
    "enumera",
    "defina",
    "define",
    "definir",
    "compare",
    "compara",
    "escriba",
    "escribe",
    "nombre",
    "mencione",
    "menciona",
    "implemente",
    "implementa",
    "qu\xE9",
    "c\xF3mo",
    "cu\xE1l",
    "cu\xE1les",
    "cu\xE1ndo",
    "d\xF3nde",
    "qui\xE9n",
    "por qu\xE9",
    "diferencia",
    "diferencias"
  ],
  de: [
    "erkl\xE4ren",
    "erkl\xE4re",
    "erkl\xE4ren sie",
    "beschreiben",
    "beschreibe",
    "nennen",
    "nenne",
    "definieren",
    "definiere",
    "vergleichen",
    "vergleiche",
    "schreiben",
    "schreibe",
    "implementieren",
    "implementiere",
    "was",
    "wie",
    "warum",
    "wieso",
    "weshalb",
    "welche",
    "welcher",
    "welches",
    "wann",
    "wo",
    "wer",
    "unterschied",
    "unterschiede"
  ],
  it: [
    "spiega",
    "spiegare",
    "spiegate",
    "descrivi",
    "descrivere",
    "elenca",
    "elencare",
    "definisci",
    "definire",
    "confronta",
    "confrontare",
    "scrivi",
    "scrivere",
    "cita",
    "implementa",
    "cosa",
    "cos'\xE8",
    "come",
    "perch\xE9",
    "quale",
    "quali",
    "quando",
    "dove",
    "chi",
    "differenza",
    "differenze"
  ],
  pt: [
    "explique",
    "explicar",
    "descreva",
    "descrever",
    "liste",
    "listar",
    "defina",
    "definir",
    "compare",
    "comparar",
    "escreva",
    "escrever",
    "cite",
    "citar",
    "implemente",
    "o que",
    "como",
    "por que",
    "porque",
    "qual",
    "quais",
    "quando",
    "onde",
    "quem",
    "diferen\xE7a",
    "diferen\xE7as"
  ]
};
var chineseOpeners = [
  "\u89E3\u91CA",
  "\u89E3\u91CB",
  "\u7B80\u8FF0",
  "\u7C21\u8FF0",
  "\u63CF\u8FF0",
  "\u5217\u4E3E",
  "\u5217\u8209",
  "\u8BF4\u660E",
  "\u8AAA\u660E",
  "\u6BD4\u8F83",
  "\u6BD4\u8F03",
  "\u5B9A\u4E49",
  "\u5B9A\u7FA9",
  "\u5199\u51FA",
  "\u5BEB\u51FA",
  "\u7F16\u5199",
  "\u7DE8\u5BEB",
  "\u5B9E\u73B0",
  "\u5BE6\u73FE",
  "\u8C08\u8C08",
  "\u8AC7\u8AC7",
  "\u8BF4\u8BF4",
  "\u8AAA\u8AAA",
  "\u8BF7",
  "\u8ACB",
  "\u4EC0\u4E48",
  "\u4EC0\u9EBC",
  "\u5982\u4F55",
  "\u4E3A\u4EC0\u4E48",
  "\u70BA\u4EC0\u9EBC",
  "\u600E\u4E48",
  "\u600E\u9EBC",
  "\u600E\u6837",
  "\u600E\u6A23",
  "\u54EA\u4E9B",
  "\u54EA\u4E2A",
  "\u54EA\u500B",
  "\u662F\u5426",
  "\u533A\u522B",
  "\u5340\u5225"
];
var openerWords = new Set(Object.values(imperativeWords).flat().map((word) => word.normalize("NFC")));
var questionPrefix = /^\s*(?:q|qn|ques|question|frage|pregunta|domanda|pergunta|questão|questao|问题|問題|题目|題目)\s*\d{0,4}\s*[.):：-]\s*\S/iu;
var questionMark = /[?？؟]\s*$/u;
var numberPrefix = /^\s*\d{1,4}\s*[.)、:]\s*\S/u;
var chineseEnding = /(?:吗|嗎|呢|哪些|什么|什麼|如何|为什么|為什麼|怎么样|怎麼樣|怎样|怎樣|区别|區別|多少|几种|幾種|是啥|有哪些|是什么|是什麼)\s*$/u;
function asksByForm(text2) {
  if (questionMark.test(text2) || chineseEnding.test(text2)) return true;
  if (questionPrefix.test(text2) || numberPrefix.test(text2)) return true;
  return opensWithPromptWord(stripLeadingNumber(text2));
}
function opensWithPromptWord(text2) {
  const trimmed = text2.trimStart().replace(/^[¿¡"“«'‘(\[*_]+/u, "").slice(0, 40).normalize("NFC");
  if (chineseOpeners.some((opener) => trimmed.startsWith(opener))) return true;
  const words = /^([\p{L}'’-]+)(?:\s+([\p{L}'’-]+))?/u.exec(trimmed);
  if (!words) return false;
  const first = (words[1] ?? "").toLowerCase();
  const second = words[2]?.toLowerCase();
  if (second !== void 0 && openerWords.has(`${first} ${second}`)) return true;
  if (!openerWords.has(first) && !openerWords.has(first.replace(/['’].*$/, ""))) return false;
  if (nounVerbs.has(first) && !(second !== void 0 && determiners.has(second))) return false;
  return !isTitleCase(text2);
}
var nounVerbs = /* @__PURE__ */ new Set(["list", "name", "state", "show", "check", "count", "sort", "print", "design", "build", "convert", "reverse", "find", "difference", "differences", "compare", "create", "give", "tell", "liste", "cite", "nota"]);
var determiners = /* @__PURE__ */ new Set([
  "the",
  "a",
  "an",
  "some",
  "all",
  "any",
  "each",
  "every",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "ten",
  "your",
  "its",
  "their",
  "this",
  "these",
  "those",
  "what",
  "which",
  "how",
  "why",
  "between",
  "me",
  "us",
  "and",
  "le",
  "la",
  "les",
  "un",
  "une",
  "des",
  "el",
  "los",
  "las",
  "o",
  "os",
  "as",
  "die",
  "der",
  "das",
  "il",
  "lo",
  "gli",
  "i",
  "quatre",
  "trois",
  "deux",
  "cinq"
]);
function isTitleCase(text2) {
  const words = text2.trim().split(/\s+/).slice(1).filter((word) => /^\p{L}/u.test(word) && word.length > 3);
  if (words.length < 2) return false;
  const capitalized = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  return capitalized * 3 >= words.length * 2;
}
function stripLeadingNumber(text2) {
  return text2.replace(/^\s*(?:\d{1,4}\s*[.)]|[-–—•*]|\(\d{1,4}\))\s*/u, "");
}
var boilerplateTitles = /* @__PURE__ */ new Set([
  "introduction",
  "intro",
  "overview",
  "about",
  "about this repo",
  "about this repository",
  "preface",
  "foreword",
  "prerequisites",
  "getting started",
  "how to use",
  "usage",
  "install",
  "installation",
  "setup",
  "references",
  "reference",
  "resources",
  "further reading",
  "see also",
  "links",
  "useful links",
  "credits",
  "acknowledgements",
  "acknowledgments",
  "contributing",
  "contribute",
  "contributors",
  "license",
  "licence",
  "disclaimer",
  "related",
  "related topics",
  "related questions",
  "related repositories",
  "more",
  "other topics",
  "other questions",
  "table of contents",
  "support",
  "sponsors",
  "donate",
  "changelog",
  "faq",
  "summary",
  "conclusion",
  "notes",
  "todo",
  "avant-propos",
  "pr\xE9sentation",
  "sommaire",
  "ressources",
  "r\xE9f\xE9rences",
  "licence",
  "contribuer",
  "remerciements",
  "conclusion",
  "introducci\xF3n",
  "referencias",
  "recursos",
  "licencia",
  "einleitung",
  "einf\xFChrung",
  "lizenz",
  "quellen",
  "introduzione",
  "riferimenti",
  "introdu\xE7\xE3o",
  "refer\xEAncias",
  "\u7B80\u4ECB",
  "\u4ECB\u7ECD",
  "\u524D\u8A00",
  "\u53C2\u8003",
  "\u53C2\u8003\u8D44\u6599",
  "\u8BB8\u53EF",
  "\u8D21\u732E",
  "\u81F4\u8C22",
  "\u8BF4\u660E"
]);
function isBoilerplateTitle(text2) {
  return boilerplateTitles.has(normalizeTitle(text2));
}
function normalizeTitle(text2) {
  return text2.normalize("NFC").toLowerCase().replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, "").replace(/^[\s\d.)#:-]+/u, "").replace(/[\s:：.!-]+$/u, "").replace(/\s+/g, " ").trim();
}

// src/parse/dialects/body.ts
function readBody(head, blocks, options) {
  const { file } = options;
  let directives = options.directives;
  const fields = { prompt: [head], answer: [], example: [], extra: [] };
  let slot = "prompt";
  let answerOpened = false;
  let quoted = false;
  const items = groupDetails(blocks);
  let leading = true;
  const walk2 = (entries) => {
    for (const entry of entries) {
      if (entry.type === "details") {
        if (slot === "prompt" && options.implicitAnswer && fields.prompt.length > 1 && isSupplementLabel(entry.summary)) {
          fields.prompt.push(...entry.inner);
          continue;
        }
        if (slot === "prompt" && isHintLabel(entry.summary)) {
          fields.extra.push(...entry.inner);
          continue;
        }
        if (slot === "prompt") {
          slot = "answer";
          answerOpened = true;
        }
        walk2(groupDetails(entry.inner));
        continue;
      }
      const block = entry.block;
      if (leading && block.type === "html") {
        const found2 = directivesFromComment(block.value);
        if (found2) {
          directives = mergeDirectives(directives, found2);
          continue;
        }
      }
      leading = false;
      if (isNavigation(block)) continue;
      const marker = splitMarker(block);
      if ((marker?.field === "question" || prefixedQuestion(block)) && (fields.prompt.length > 1 || slot !== "prompt")) quoted = true;
      if (marker && marker.field !== "question" && !quoted) {
        slot = marker.field;
        if (slot === "answer") answerOpened = true;
        fields[slot].push(...marker.rest);
        continue;
      }
      fields[slot].push(block);
    }
  };
  walk2(items);
  let choices = null;
  const found = findOptions(fields.prompt.slice(1));
  if (found) {
    if (found.checked) {
      choices = found.choices;
    } else {
      const first = fields.answer[0];
      const letters = first?.type === "paragraph" ? answerLetters(toString(first)) : void 0;
      if (letters && first?.type === "paragraph") {
        const unknown = letters.letters.filter((letter) => !found.choices.some((choice) => sameLabel(choice.label, letter)));
        if (unknown.length > 0) {
          report(
            file,
            "choice-unknown-answer",
            `The answer names ${unknown.map((letter) => `\`${letter}\``).join(", ")}, which is not an option (${found.choices.map((choice) => choice.label).join(", ")}); no card is made`,
            first
          );
          return { status: "rejected" };
        }
        choices = found.choices.map((choice) => ({ ...choice, correct: letters.letters.some((letter) => sameLabel(choice.label, letter)) }));
        const rest = dropText(first, letters.length);
        if (rest) fields.answer[0] = rest;
        else fields.answer.shift();
      } else if (!answerOpened && found.labelled) {
        return { status: "no-answer" };
      }
    }
    if (choices) {
      fields.prompt.splice(found.index + 1, 1);
      if (!choices.some((choice) => choice.correct)) {
        report(file, "choice-no-correct", "This multiple-choice question marks no option as correct (check a box `- [x]` or write `Answer: B`); no card is made", head);
        return { status: "rejected" };
      }
    }
  }
  const all = [fields.prompt, fields.answer, fields.example, fields.extra].map((children) => ({ type: "root", children }));
  renumberHighlights(all);
  const isCloze = clozeNumbers([all[0]]).length > 0;
  let implicit = false;
  if (!choices && !isCloze && !answerOpened) {
    if (!options.implicitAnswer || fields.prompt.length < 2) return { status: "no-answer" };
    fields.answer = fields.prompt.splice(1);
    implicit = true;
    const task = fields.answer[0];
    if (task?.type === "paragraph" && !asksByForm(stripNumbering(toString(head))) && opensWithTask(toString(task))) {
      if (fields.answer.length === 1) return { status: "no-answer" };
      fields.prompt.push(fields.answer.shift());
    }
  }
  if (!choices && !isCloze && fields.answer.length === 0) {
    report(file, "empty-answer", "The answer marker is followed by nothing before the next question; no card is made", head);
    return { status: "rejected" };
  }
  let kind = choices ? "choice" : isCloze ? "cloze" : "basic";
  if (kind === "basic" && (directives.reversed || options.reversed)) kind = "reversed";
  const everything = [...fields.prompt, ...fields.answer, ...fields.example, ...fields.extra];
  const start = head.position?.start ?? { line: 1, column: 1 };
  const draft = {
    kind,
    prompt: toField(fields.prompt),
    answer: toField(fields.answer),
    example: fields.example.length > 0 ? toField(fields.example) : null,
    extra: fields.extra.length > 0 ? toField(fields.extra) : null,
    choices,
    tags: directives.tags ?? [],
    explicitId: directives.id === void 0 ? void 0 : { value: directives.id, position: head.position ?? { start, end: start } },
    position: { start, end: maxEnd([...everything, ...blocks]) ?? head.position?.end ?? start }
  };
  return { status: "question", draft, implicit };
}
function isNavigation(block) {
  if (block.type !== "paragraph") return false;
  let node = block;
  while (node && "children" in node && node.type !== "link") {
    const meaningful = node.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
    if (meaningful.length !== 1) return false;
    node = meaningful[0];
  }
  return node?.type === "link" && node.url.startsWith("#");
}
function opensAnswer(block) {
  if (opensDetails(block)) return true;
  return splitMarker(block)?.field === "answer";
}
function splitMarker(block) {
  if (block.type === "blockquote") return splitQuote(block);
  if (block.type === "heading") {
    const text2 = toString(block);
    const whole = markerField(text2);
    if (whole) return { field: whole, rest: [] };
    const start = markerAtStart(text2);
    if (!start) return void 0;
    const rest = text2.slice(start.length).trim();
    return { field: start.field, rest: rest ? [paragraphOf(rest, block)] : [] };
  }
  if (block.type !== "paragraph") return void 0;
  const [first, ...after] = block.children;
  if (!first) return void 0;
  if (first.type === "strong" || first.type === "emphasis") {
    const label = toString(first);
    const field = markerField(label);
    if (field) {
      const labelHasColon = /[:：]\s*$/.test(label);
      const next = after[0];
      const nextText = next?.type === "text" ? next.value : "";
      const colonAfter = /^[\s\u00A0\u202F]*[:：]/.test(nextText);
      const lineEnds = !next || next.type === "break" || /^[ \t\u00A0\u202F]*(\n|$)/.test(nextText);
      if (!labelHasColon && !colonAfter && !lineEnds) return void 0;
      return { field, rest: restParagraph(block, trimPhrasing(after, !labelHasColon)) };
    }
    const start = markerAtStart(label);
    if (!start) return void 0;
    const inside = label.slice(start.length).trim();
    const rest = trimPhrasing([...inside ? [{ type: "text", value: inside }] : [], ...after]);
    return { field: start.field, rest: restParagraph(block, rest) };
  }
  if (first.type === "text") {
    const start = markerAtStart(first.value);
    if (!start) return void 0;
    const remaining = { ...first, value: first.value.slice(start.length), ...shifted(first.position, first.value.slice(0, start.length)) };
    return { field: start.field, rest: restParagraph(block, trimPhrasing([remaining, ...after])) };
  }
  return void 0;
}
function splitQuote(quote) {
  const [first, ...others] = quote.children;
  if (!first) return void 0;
  const marker = splitMarker(first);
  return marker ? { field: marker.field, rest: [...marker.rest, ...others] } : void 0;
}
function restParagraph(block, children) {
  if (children.length === 0) return [];
  const paragraph = { type: "paragraph", children };
  const start = children[0]?.position?.start ?? block.position?.start;
  if (start && block.position) paragraph.position = { start, end: block.position.end };
  return [paragraph];
}
function paragraphOf(text2, near) {
  const paragraph = { type: "paragraph", children: [{ type: "text", value: text2 }] };
  if (near.position) paragraph.position = near.position;
  return paragraph;
}
function dropText(paragraph, length) {
  let remaining = length;
  const children = [];
  for (const child of paragraph.children) {
    if (remaining <= 0) {
      children.push(child);
      continue;
    }
    const text2 = toString(child);
    if (text2.length <= remaining) {
      remaining -= text2.length;
      continue;
    }
    if (child.type === "text") children.push({ ...child, value: child.value.slice(remaining) });
    else children.push(child);
    remaining = 0;
  }
  const trimmed = trimPhrasing(children);
  return trimmed.length > 0 ? { ...paragraph, children: trimmed } : void 0;
}
function trimPhrasing(nodes, dropColon = false) {
  const result = [...nodes];
  while (result[0]?.type === "break") result.shift();
  const head = result[0];
  if (head?.type === "text") {
    const pattern = dropColon ? /^[\s\u00A0\u202F]*[:：]?\s*/ : /^\s+/;
    const removed = pattern.exec(head.value)?.[0] ?? "";
    if (removed.length === head.value.length) {
      result.shift();
      return trimPhrasing(result);
    }
    if (removed) result[0] = { ...head, value: head.value.slice(removed.length), ...shifted(head.position, removed) };
  }
  while (result.at(-1)?.type === "break") result.pop();
  const tail = result.at(-1);
  if (tail?.type === "text") {
    const trimmed = tail.value.trimEnd();
    if (!trimmed) result.pop();
    else if (trimmed !== tail.value) result[result.length - 1] = { ...tail, value: trimmed };
  }
  return result;
}
function shifted(position, removed) {
  if (!position) return {};
  let { line, column } = position.start;
  for (const character of removed) {
    if (character === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  const start = { line, column };
  if (position.start.offset !== void 0) start.offset = position.start.offset + removed.length;
  return { position: { start, end: position.end } };
}
function groupDetails(blocks) {
  const entries = [];
  let index = 0;
  while (index < blocks.length) {
    const block = blocks[index];
    if (!opensDetails(block)) {
      entries.push({ type: "block", block });
      index++;
      continue;
    }
    const details = collectDetails(blocks, index);
    entries.push({ type: "details", inner: details.inner, summary: summaryText(details.summary) });
    index = details.next;
  }
  return entries;
}
function toField(children) {
  const field = { type: "root", children };
  const start = children[0]?.position?.start;
  const end = maxEnd(children);
  if (start && end) field.position = { start, end };
  return field;
}
function maxEnd(nodes) {
  let end;
  for (const node of nodes) {
    const candidate = node.position?.end;
    if (candidate && (!end || candidate.line > end.line || candidate.line === end.line && candidate.column > end.column)) {
      end = candidate;
    }
  }
  return end;
}
var numbering = /^\s*#*\s*(?:(?:q|question|frage|pregunta|domanda|pergunta)\s*\d*\s*[.):-]|\d{1,4}\s*[.)]|(?:q|question)\s*\d+\b\s*[.):-]?)\s*/iu;
function stripNumbering(text2) {
  const stripped = text2.replace(numbering, "");
  return stripped.trim() ? stripped : text2;
}
function stripNumberingPhrasing(children) {
  const first = children[0];
  if (first?.type !== "text") return children;
  const value = stripNumbering(first.value);
  if (value === first.value) return children;
  const removed = first.value.length - value.length;
  const text2 = { ...first, value };
  if (first.position?.start.offset !== void 0) {
    text2.position = {
      start: { line: first.position.start.line, column: first.position.start.column + removed, offset: first.position.start.offset + removed },
      end: first.position.end
    };
  }
  return [text2, ...children.slice(1)];
}
function boldQuestion(block) {
  if (block.type !== "paragraph") return void 0;
  const [first, ...after] = block.children;
  if (!first || first.type !== "strong") return void 0;
  const text2 = toString(first).trim();
  if (!/[?？؟]$/.test(text2) && (/[:：]$/.test(text2) || !opensWithPromptWord(stripNumbering(text2)))) return void 0;
  const next = after[0];
  const lineEnds = !next || next.type === "break" || next.type === "text" && /^[ \t]*(\n|$)/.test(next.value);
  if (!lineEnds) return void 0;
  const prompt = { type: "paragraph", children: stripNumberingPhrasing(trimPhrasing(first.children)) };
  if (first.position) prompt.position = first.position;
  const remaining = trimPhrasing(after);
  const rest = [];
  if (remaining.length > 0) {
    const paragraph = { type: "paragraph", children: remaining };
    const start = remaining[0]?.position?.start;
    if (start && block.position) paragraph.position = { start, end: block.position.end };
    rest.push(paragraph);
  }
  return { prompt, rest, bold: true };
}
var boldPrefix = /^\s*(?:q|qn|question|pregunta|frage|domanda|pergunta|questão|问题|問題|(?:problem|exercise|task|problème|exercice|ejercicio|problema|aufgabe|übung|esercizio|exercício|tarefa|练习|习题|题)\s*\d{1,4})\s*\d{0,4}\s*[.):：]?\s*$/iu;
var plainPrefix = /^\s*(?:q\s*\d{0,4}\s*[.)]|q\s*\d{1,4}\s*[:：]|question\s*\d{1,4}\s*[.):：])\s+/iu;
function prefixedQuestion(block) {
  if (block.type !== "paragraph") return void 0;
  const [first, ...after] = block.children;
  if (!first) return void 0;
  let children;
  if ((first.type === "strong" || first.type === "emphasis") && boldPrefix.test(toString(first))) {
    children = trimPhrasing(after, true);
  } else if (first.type === "text" && plainPrefix.test(first.value)) {
    const label = plainPrefix.exec(first.value)?.[0] ?? "";
    children = trimPhrasing([{ ...first, value: first.value.slice(label.length), ...shifted(first.position, label) }, ...after]);
  } else return void 0;
  if (children.length === 0) return void 0;
  const prompt = { type: "paragraph", children };
  const start = children[0]?.position?.start ?? block.position?.start;
  if (start && block.position) prompt.position = { start, end: block.position.end };
  return { prompt, rest: [], bold: false };
}
function questionOpener(block) {
  const marker = splitMarker(block);
  if (marker?.field === "question") {
    const [first] = marker.rest;
    return first?.type === "paragraph" ? { prompt: first, rest: marker.rest.slice(1), bold: false } : void 0;
  }
  return prefixedQuestion(block) ?? boldQuestion(block);
}
var taskOpening = /^(?:write|implement|create|build|design|given|find|print|reverse|sort|convert|calculate|compute|count|predict|refactor|fix|solve|return|make|code|program|écrivez|écrire|implémentez|créez|escriba|escribe|implementa|crea|schreiben|schreibe|implementieren|scrivi|implementa|escreva|implemente|编写|实现|写一个|写出)\b/iu;
function opensWithTask(text2) {
  return taskOpening.test(text2.trim());
}

// src/parse/level.ts
var difficultyMarkers = {
  "\u{1F7E2}": "easy",
  "\u{1F535}": "easy",
  "\u{1F7E1}": "medium",
  "\u{1F7E0}": "hard",
  "\u{1F534}": "hard",
  "\u{1F7E3}": "expert",
  "\u26AB": "expert",
  "\u26AA": "easy"
};
var difficultyTagPrefix = "difficulty::";
var edgeEmoji = /^(?:[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0E\uFE0F\u200D\u20E3]|\s)+|(?:[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0E\uFE0F\u200D\u20E3]|\s)+$/gu;
function deckNameFromHeading(text2) {
  const cleaned = text2.replace(edgeEmoji, "").replace(/\s+/g, " ").replace(/::+/g, ":").trim();
  return cleaned || text2.trim();
}
function difficultyTag(text2) {
  for (const character of text2) {
    const level = difficultyMarkers[character];
    if (level) return difficultyTagPrefix + level;
  }
  return void 0;
}
function levelHeading(heading) {
  const text2 = toString2(heading, { includeHtml: false });
  return { node: heading, title: deckNameFromHeading(stripNumbering(text2)), tag: difficultyTag(text2) };
}
function pushLevel(levels, heading) {
  return [...levels.filter((level) => level.node.depth < heading.depth), levelHeading(heading)];
}

// src/parse/dialects/qa.ts
import { toString as toString5 } from "mdast-util-to-string";

// src/parse/dialects/heading.ts
import { toString as toString4 } from "mdast-util-to-string";
import { VFile } from "vfile";

// src/parse/structure/metadata.ts
import { toString as toString3 } from "mdast-util-to-string";
var metadataLabels = buildLabels({
  competence: ["competence", "comp\xE9tence", "comp\xE9tences", "skill", "skills", "competencia", "kompetenz", "competenza", "compet\xEAncia", "\u80FD\u529B", "\u6280\u80FD"],
  difficulty: ["difficulty", "difficult\xE9", "niveau", "level", "dificultad", "nivel", "schwierigkeit", "schwierigkeitsgrad", "difficolt\xE0", "livello", "dificuldade", "n\xEDvel", "\u96BE\u5EA6", "\u96E3\u5EA6"],
  topic: ["topic", "topics", "th\xE8me", "theme", "sujet", "tema", "thema", "argomento", "t\xF3pico", "assunto", "\u4E3B\u9898", "\u4E3B\u984C"],
  category: ["category", "cat\xE9gorie", "categor\xEDa", "kategorie", "categoria", "\u5206\u7C7B", "\u5206\u985E", "\u7C7B\u522B"],
  domain: ["domain", "domaine", "dominio", "bereich", "dom\xEDnio", "\u9886\u57DF"],
  tags: ["tags", "tag", "\xE9tiquettes", "mots-cl\xE9s", "etiquetas", "schlagw\xF6rter", "schlagworte", "etichette", "marcadores", "\u6807\u7B7E", "\u6A19\u7C64"]
});
function buildLabels(table) {
  const labels = {};
  for (const [prefix, words] of Object.entries(table)) for (const word of words) labels[normalizeLabel(word)] = prefix === "tags" ? null : prefix;
  return labels;
}
function metadataTags(block) {
  if (block.type !== "paragraph") return void 0;
  const [first, ...after] = block.children;
  if (!first || first.type !== "strong" && first.type !== "emphasis") return void 0;
  let label = toString3(first);
  let rest = after;
  const inside = /^([^:：]{1,40}?)\s*[:：]\s*(.*)$/su.exec(label);
  if (inside && inside[2]) {
    label = inside[1] ?? "";
    rest = [{ type: "text", value: inside[2] }, ...after];
  } else if (!/[:：]\s*$/.test(label)) {
    const next = after[0];
    if (next?.type !== "text" || !/^[\s\u00A0\u202F]*[:：]/.test(next.value)) return void 0;
  }
  const key = normalizeLabel(label);
  if (!(key in metadataLabels)) return void 0;
  const prefix = metadataLabels[key];
  const value = toString3({ type: "paragraph", children: rest }).replace(/^[\s\u00A0\u202F]*[:：]/, "").trim();
  if (value === "" || value.includes("\n")) return void 0;
  if (prefix === null) return value.split(/[,;，、]|\s+/).map(tagSlug).filter(Boolean);
  const slug = prefix === "difficulty" ? difficultyWords[tagSlug(value)] ?? tagSlug(value) : tagSlug(value);
  return slug ? [`${prefix}::${slug}`] : void 0;
}
var difficultyWords = Object.fromEntries(
  Object.entries({
    easy: ["easy", "beginner", "basic", "facile", "debutant", "f\xE1cil", "facil", "principiante", "leicht", "einfach", "iniciante", "\u7B80\u5355", "\u521D\u7EA7", "\u5BB9\u6613"],
    medium: ["medium", "intermediate", "moyen", "moyenne", "intermediaire", "medio", "media", "intermedio", "mittel", "mittelschwer", "medio", "intermediario", "\u4E2D\u7B49", "\u4E2D\u7EA7"],
    hard: ["hard", "difficult", "advanced", "difficile", "avance", "dificil", "avanzado", "schwer", "schwierig", "fortgeschritten", "avancato", "\u56F0\u96BE", "\u9AD8\u7EA7", "\u96BE"],
    expert: ["expert", "hardcore", "experto", "esperto", "especialista", "\u4E13\u5BB6"]
  }).flatMap(([grade, words]) => words.map((word) => [tagSlug(word), grade]))
);
function tagSlug(text2) {
  return text2.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/#/g, "").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
}
function takeMetadata(blocks) {
  const rest = [];
  const lines = [];
  for (const block of blocks) {
    const tags = metadataTags(block);
    if (tags && block.position) lines.push({ line: block.position.start.line, tags });
    else rest.push(block);
  }
  return { blocks: rest, lines };
}
function applyMetadata(questions, lines) {
  let next = 0;
  for (const question of questions) {
    const start = question.position.start.line;
    while (next < lines.length && lines[next].line < start) {
      question.tags.push(...lines[next].tags);
      next++;
    }
  }
}
function takeLeadingMetadata(blocks) {
  let end = 0;
  while (end < blocks.length && metadataTags(blocks[end])) end++;
  return { blocks: blocks.slice(end), lines: takeMetadata(blocks.slice(0, end)).lines };
}

// src/parse/structure/question-level.ts
function inferQuestionLevel(votes) {
  const counts = /* @__PURE__ */ new Map();
  for (const { depth, vote } of votes) if (vote) counts.set(depth, (counts.get(depth) ?? 0) + 1);
  let best;
  let bestCount = 0;
  for (const [depth, count2] of counts) {
    if (count2 > bestCount || count2 === bestCount && best !== void 0 && depth < best) {
      best = depth;
      bestCount = count2;
    }
  }
  return best;
}

// src/parse/dialects/sections.ts
var SectionBuilder = class {
  sections = [];
  /** Add a section read from a region under `levels` (its own levels, if any, go below them). */
  addSection(levels, section) {
    const merged = [...levels, ...section.levels];
    if (section.deck === void 0 && section.levels.length === 0) {
      for (const question of section.questions) this.add(merged, question);
      return;
    }
    const top = merged.at(-1)?.node.position;
    const position = { start: top?.start ?? section.position.start, end: section.position.end };
    this.sections.push({ ...section, levels: merged, position });
  }
  add(levels, question) {
    const last = this.sections.at(-1);
    if (last && last.levels.length === levels.length && last.levels.every((level, index) => level.node === levels[index]?.node)) {
      last.questions.push(question);
      last.position = { start: last.position.start, end: question.position.end };
      return;
    }
    const top = levels.at(-1)?.node.position;
    this.sections.push({ levels, questions: [question], position: { start: top?.start ?? question.position.start, end: question.position.end } });
  }
};

// src/parse/dialects/heading.ts
var headingDialect = {
  name: "heading",
  description: "Headings are questions when an answer follows (**Answer:**, **R\xE9ponse :**, <details>, options, clozes); headings above them name decks.",
  detect(tree) {
    return toSegments(tree).filter((segment) => segmentAsks(segment) && !questionMarkerFirst(segment)).length;
  },
  recognize
};
function recognize(tree, file, options) {
  const segments = toSegments(tree);
  const roles = segmentRoles(segments);
  const groupHeadings = new Set(
    segments.filter((segment, index) => roles[index] === "level" && !hasContent(segment) && roles[index + 1] !== "level" && segments[index + 1]?.heading.depth === segment.heading.depth).map((segment) => segment.heading)
  );
  const readRegion = options.readRegion ?? looseRegion;
  const sections = new SectionBuilder();
  let levels = [];
  let open;
  let unanswered = [];
  const flushUnanswered = () => {
    reportUnansweredHeadings(unanswered, file);
    unanswered = [];
  };
  const close = () => {
    if (open) {
      const missing = finishQuestion(open.segment, open.extra, open.implicit, levels, sections, file, options);
      if (missing) unanswered.push(missing);
      else flushUnanswered();
    }
    open = void 0;
  };
  const region = (blocks) => {
    if (blocks.length === 0) return;
    for (const section of readRegion(blocks, file)) sections.addSection(levels, section);
  };
  const firstHeading = tree.children.findIndex((node) => node.type === "heading" || node.type === "list" && headedItems(node));
  region((firstHeading === -1 ? tree.children : tree.children.slice(0, firstHeading)).filter((node) => node.type !== "yaml"));
  for (const [index, segment] of segments.entries()) {
    const { heading } = segment;
    const role = holdsSeveralQuestions(segment, options, file) ? "level" : roles[index];
    if (role === "question" || role === "implicit-question" || role === "unanswered") {
      close();
      levels = levels.filter((level) => level.node.depth < heading.depth || level.node.depth === heading.depth && groupHeadings.has(level.node));
      open = { segment, extra: [], implicit: role === "implicit-question" };
      continue;
    }
    if (open && heading.depth > open.segment.heading.depth) {
      open.extra.push(heading, ...segment.blocks);
      continue;
    }
    close();
    flushUnanswered();
    if (!hasContent(segment) && numberedLabel.test(toString4(heading, { includeHtml: false }))) continue;
    levels = pushLevel(levels, heading);
    region(segment.blocks);
  }
  close();
  flushUnanswered();
  return sections.sections;
}
function reportUnansweredHeadings(headings, file) {
  if (headings.length >= 3) {
    const first = headings[0];
    report(
      file,
      "unanswered-questions",
      `${headings.length} question headings in a row have no answers (first: \`${toString4(first, { includeHtml: false }).trim().slice(0, 80)}\`); they make no cards`,
      first
    );
    return;
  }
  for (const heading of headings) {
    report(file, "missing-answer", "This heading looks like a question but no answer follows it (no `**Answer:**`-style marker, `<details>` block or content); no card is made", heading);
  }
}
function segmentRoles(segments) {
  const facts = segments.map((segment) => {
    const text2 = toString4(segment.heading, { includeHtml: false });
    const qaFirst = questionMarkerFirst(segment);
    const strong = !qaFirst && segmentAsks(segment);
    const content = !qaFirst && hasContent(segment);
    const asks = segment.numbered || /[?？؟]\s*$/.test(text2);
    const weak = !asks && asksByForm(text2) && !isBoilerplateTitle(text2);
    return { depth: segment.heading.depth, strong, content, asks, weak, qaFirst };
  });
  const questionLevel = inferQuestionLevel(facts.map((fact) => ({ depth: fact.depth, vote: fact.strong || fact.content && (fact.asks || fact.weak) })));
  const answeredDepths = new Set(facts.filter((fact) => fact.strong).map((fact) => fact.depth));
  return facts.map((fact, index) => {
    if (fact.strong) return "question";
    if (fact.qaFirst) return "level";
    const below = hasQuestionBelow(segments, index, facts);
    if (headingAsks(segments[index]) && !below) return "implicit-question";
    if (fact.weak && fact.content && fact.depth === questionLevel && !below) return "implicit-question";
    const leaf = (segments[index + 1]?.heading.depth ?? 0) <= fact.depth;
    const prose = segments[index].blocks.some((block) => block.type !== "html");
    if (answeredDepths.has(fact.depth) && leaf && prose && !isBoilerplateTitle(toString4(segments[index].heading))) return "unanswered";
    return "level";
  });
}
function holdsSeveralQuestions(segment, options, file) {
  if (!options.readRegion) return false;
  let openers = 0;
  for (const [index, block] of segment.blocks.entries()) {
    if (opensDetails(block) ? revealsAnswer(segment.blocks, index) : opensAnswer(block)) openers++;
  }
  if (openers < 2) return false;
  if (!headingAsks(segment) && !asksByForm(toString4(segment.heading, { includeHtml: false }))) return true;
  const scratch = new VFile({ path: file.path });
  const found = options.readRegion(segment.blocks, scratch).reduce((sum, section) => sum + section.questions.length, 0);
  return found >= 2;
}
function hasQuestionBelow(segments, index, facts) {
  const depth = segments[index]?.heading.depth ?? 0;
  for (let next = index + 1; next < segments.length; next++) {
    const segment = segments[next];
    if (segment.heading.depth <= depth) return false;
    if (facts[next]?.strong) return true;
  }
  return false;
}
function hasContent(segment) {
  return segment.blocks.some((block) => block.type !== "html" || /^\s*<details[\s>]/i.test(block.value));
}
function looseRegion(blocks, file) {
  const sections = new SectionBuilder();
  looseBlocks(blocks, [], sections, file);
  return sections.sections;
}
function finishQuestion(segment, extra, implicit, levels, sections, file, options) {
  const { heading } = segment;
  let directives = {};
  const phrasing = heading.children.filter((child) => {
    const found = child.type === "html" ? directivesFromComment(child.value) : void 0;
    if (found) directives = { ...directives, ...found };
    return found === void 0 && !(child.type === "html" && /^<\/?a\b[^>]*>$/i.test(child.value.trim()));
  });
  const head = { type: "paragraph", children: stripNumberingPhrasing(trimPhrasing(phrasing)) };
  if (heading.position) head.position = heading.position;
  if (toString4(head).trim() === "") {
    report(file, "empty-prompt", "This question heading has no text; no card is made", heading);
    return;
  }
  const { blocks, lines } = takeLeadingMetadata([...segment.blocks, ...extra]);
  if (lines.length > 0) directives = { ...directives, tags: [...directives.tags ?? [], ...lines.flatMap((line) => line.tags)] };
  const result = readBody(head, blocks, { file, directives, reversed: options.reversed, implicitAnswer: implicit });
  if (result.status === "rejected") return;
  if (result.status === "no-answer") return heading;
  if (result.implicit) {
    report(file, "implicit-answer", "No answer marker: the content below this question heading is taken as its answer", heading);
  }
  const prompt = result.draft.prompt;
  if (!result.implicit && prompt.children.length > 1 && bareLabel.test(toString4(head))) prompt.children.shift();
  sections.add(levels, { ...result.draft, headed: true });
}
var numberedLabel = /^\s*(?:mcq|quiz|q|question|exercise|exercice|problem|problème|pregunta|frage|aufgabe|domanda|esercizio|pergunta|questão|exercício|问题|问|题目|題目|练习)\s*#?\d{1,4}\s*[.:)]?\s*(?:\([^)]{0,30}\)|\[[^\]]{0,30}\])?\s*$/iu;
var bareLabel = /^\s*(?:q|question|questions|exercise|exercice|exercises|problem|problème|pregunta|frage|aufgabe|domanda|esercizio|pergunta|questão|exercício|问题|問題|题目|題目|练习)\s*#?\d{0,4}\s*[.:)]?\s*$/iu;
function looseBlocks(blocks, levels, sections, file) {
  for (const block of blocks) {
    if (opensAnswer(block)) {
      report(file, "orphan-answer", "This answer has no question above it (no question heading); it is ignored", block);
      continue;
    }
    const units = block.type === "list" ? block.children.flatMap((item) => item.children) : [block];
    for (const unit of units) {
      if (unit.type !== "paragraph" || !hasCloze(unit)) continue;
      const result = readBody(unit, [], { file, directives: {}, reversed: false, implicitAnswer: false });
      if (result.status === "question") sections.add(levels, result.draft);
    }
  }
}
function toSegments(tree) {
  const segments = [];
  let current;
  let detailsDepth = 0;
  let listDepth = 0;
  const push = (node) => {
    detailsDepth = Math.max(0, detailsDepth + detailsBalanceOf(node));
    current?.blocks.push(node);
  };
  const take = (node) => {
    if (node.type === "heading" && detailsDepth === 0) {
      if (current && current.heading.depth === node.depth && isOptionHeading(node) && (current.options || asksByForm(toString4(current.heading, { includeHtml: false })))) {
        addOption(current, node);
        return;
      }
      current = { heading: node, blocks: [], numbered: listDepth > 0 };
      segments.push(current);
      return;
    }
    if (node.type === "list" && detailsDepth === 0 && headedItems(node)) {
      if (node.ordered) listDepth++;
      for (const item of node.children) {
        const [first, ...rest] = item.children;
        if (first?.type === "heading") take(first);
        else if (first) push(first);
        for (const child of rest) push(child);
      }
      if (node.ordered) listDepth--;
      return;
    }
    if (node.type !== "yaml") push(node);
  };
  for (const node of tree.children) take(node);
  return segments;
}
var optionHeading = /^\s*\(?[A-Ha-h]\s*[).:]\s+\S/;
function isOptionHeading(heading) {
  return optionHeading.test(toString4(heading, { includeHtml: false }));
}
function addOption(segment, heading) {
  const paragraph = { type: "paragraph", children: heading.children };
  const item = { type: "listItem", spread: false, children: [paragraph] };
  if (heading.position) {
    paragraph.position = heading.position;
    item.position = heading.position;
  }
  if (!segment.options) {
    segment.options = { type: "list", ordered: false, spread: false, children: [] };
    if (heading.position) segment.options.position = { ...heading.position };
    segment.blocks.push(segment.options);
  }
  segment.options.children.push(item);
  if (heading.position && segment.options.position) segment.options.position = { start: segment.options.position.start, end: heading.position.end };
}
function headingAsks(segment) {
  return segment.numbered || /[?？؟]\s*$/.test(toString4(segment.heading, { includeHtml: false }));
}
function headedItems(list) {
  const headed = list.children.filter((item) => item.children[0]?.type === "heading").length;
  return list.children[0]?.children[0]?.type === "heading" && headed * 2 >= list.children.length;
}
function segmentAsks(segment) {
  if (hasCloze(segment.heading)) return true;
  let prose = false;
  let quoted = false;
  return segment.blocks.some((block, index) => {
    if (prose && questionOpener(block)) quoted = true;
    const opens = !quoted && ((opensDetails(block) ? revealsAnswer(segment.blocks, index) : opensAnswer(block)) || block.type === "list" && block.children.length >= 2 && block.children.every((item) => typeof item.checked === "boolean") && block.children.some((item) => item.checked));
    if (block.type !== "html") prose = true;
    return opens;
  });
}
function questionMarkerFirst(segment) {
  const formAsks = headingAsks(segment) || asksByForm(toString4(segment.heading));
  let prose = false;
  for (const block of segment.blocks) {
    if (questionOpener(block)) return !(formAsks && prose);
    if (opensAnswer(block)) return false;
    if (block.type !== "html" && !metadataTags(block)) prose = true;
  }
  return false;
}
function hasCloze(node) {
  return someNode(node, "cloze");
}

// src/parse/dialects/qa.ts
var qaDialect = {
  name: "qa",
  description: "Questions and answers as labelled paragraphs (Q: / A:, **Question:** / **Answer:** \u2026) or bold questions (**What is X?**); headings name decks.",
  detect(tree) {
    const heads = tree.children.flatMap((block) => questionHead(block) ?? []);
    const labelled = heads.filter((head) => !head.bold).length;
    const bold = heads.length - labelled;
    return labelled + (bold > 0 && headingDialect.detect(tree) === 0 ? bold : 0);
  },
  recognize: recognize2
};
function recognize2(tree, file, options) {
  const sections = [];
  let levels = [];
  let open;
  const close = () => {
    if (!open) return;
    const result = readBody(open.head, open.blocks, { file, directives: {}, reversed: options.reversed, implicitAnswer: open.implicit });
    if (result.status === "no-answer") {
      report(file, "missing-answer", "This question has no answer (`A:`, `**Answer:**` \u2026) before the next question; no card is made", open.start);
    } else if (result.status === "question") {
      if (result.implicit) report(file, "implicit-answer", "No answer label: the text below this bold question is taken as its answer", open.start);
      const last = sections.at(-1);
      if (last && last.levels === open.levels) {
        last.questions.push(result.draft);
        last.position = { start: last.position.start, end: result.draft.position.end };
      } else {
        const top = open.levels.at(-1)?.node.position;
        sections.push({ levels: open.levels, questions: [result.draft], position: { start: top?.start ?? result.draft.position.start, end: result.draft.position.end } });
      }
    }
    open = void 0;
  };
  for (const block of tree.children) {
    if (block.type === "yaml") continue;
    if (block.type === "heading") {
      close();
      levels = pushLevel(levels, block);
      continue;
    }
    const head = questionHead(block);
    if (head) {
      close();
      open = { head: head.prompt, blocks: head.rest, levels, start: block, implicit: head.bold };
      continue;
    }
    if (open) open.blocks.push(block);
    else if (opensAnswer(block)) report(file, "orphan-answer", "This answer has no question above it (no `Q:` line); it is ignored", block);
  }
  close();
  return sections;
}
function questionHead(block) {
  const marker = splitMarker(block);
  if (!marker || marker.field !== "question") return prefixedQuestion(block) ?? boldQuestion(block);
  const [first] = marker.rest;
  if (!first || first.type !== "paragraph") return void 0;
  const lines = splitAtAnswer(first);
  const wholeLineBold = block.type === "paragraph" && block.children.length === 1 && block.children[0]?.type === "strong" && /[?？؟]\s*$/.test(toString5(block));
  return { ...lines ?? { prompt: first, rest: marker.rest.slice(1) }, bold: wholeLineBold };
}
function splitAtAnswer(paragraph) {
  const children = paragraph.children;
  for (const [index, child] of children.entries()) {
    if (child.type !== "text") continue;
    let from = 0;
    while (true) {
      const newline = child.value.indexOf("\n", from);
      if (newline === -1) break;
      const after = child.value.slice(newline + 1);
      const candidate = { type: "paragraph", children: [{ type: "text", value: after }, ...children.slice(index + 1)] };
      if (splitMarker(candidate)?.field === "answer") {
        const promptChildren = [...children.slice(0, index), { ...child, value: child.value.slice(0, newline) }];
        const prompt = { type: "paragraph", children: promptChildren };
        if (paragraph.position) prompt.position = paragraph.position;
        const answerStart = { line: (child.position?.start.line ?? 1) + lineCount(child.value.slice(0, newline + 1)), column: 1 };
        const base = child.position?.start.offset;
        if (base !== void 0) answerStart.offset = base + newline + 1;
        candidate.position = { start: answerStart, end: paragraph.position?.end ?? answerStart };
        const firstText = candidate.children[0];
        if (firstText) firstText.position = { start: answerStart, end: paragraph.position?.end ?? answerStart };
        return { prompt, rest: [candidate] };
      }
      from = newline + 1;
    }
  }
  return void 0;
}
function lineCount(text2) {
  return text2.split("\n").length - 1;
}

// src/parse/dialects/details.ts
var detailsDialect = {
  name: "details",
  description: "Standalone <details> blocks: the <summary> is the question, the inside is the answer; headings name decks.",
  detect(tree) {
    let count2 = 0;
    walkDetails(tree.children, (summary, _inner, previous) => {
      if (summaryAsks(summary) || previous && previousAsks(previous)) count2++;
    });
    return count2;
  },
  recognize: recognize3
};
function summaryAsks(summary) {
  if (!summary) return false;
  const text2 = toString6({ type: "paragraph", children: summary }).trim();
  if (text2 === "") return false;
  return !isRevealLabel(text2);
}
function askedBefore(block, answerLabel) {
  if (block?.type === "list") {
    const item = block.children.at(-1);
    const [first, ...rest] = item?.children ?? [];
    if (first?.type !== "paragraph") return void 0;
    if (rest.length === 0) return askedBefore(first, answerLabel);
    return answerLabel ? { head: first, rest } : void 0;
  }
  if (block?.type !== "paragraph") return void 0;
  const labelled = questionHead(block);
  if (labelled) return labelled.rest.length === 0 ? { head: labelled.prompt, rest: [] } : void 0;
  return answerLabel || /[?？؟]\s*$/.test(toString6(block, { includeHtml: false })) ? { head: block, rest: [] } : void 0;
}
function isPromptMaterial(block) {
  if (block.type === "code") return true;
  return (block.type === "list" || block.type === "paragraph") && findOptions([block])?.labelled === true;
}
function previousAsks(block) {
  return askedBefore(block, false) !== void 0;
}
function walkDetails(blocks, found) {
  let index = 0;
  while (index < blocks.length) {
    if (!opensDetails(blocks[index])) {
      index++;
      continue;
    }
    const details = collectDetails(blocks, index);
    found(details.summary, details.inner, blocks[index - 1]);
    index = details.next;
  }
}
function recognize3(tree, file, options) {
  const sections = new SectionBuilder();
  let levels = [];
  const add = (draft) => sections.add(levels, draft);
  const blocks = tree.children;
  let index = 0;
  while (index < blocks.length) {
    const block = blocks[index];
    if (block.type === "heading") {
      levels = pushLevel(levels, block);
      index++;
      continue;
    }
    if (!opensDetails(block)) {
      index++;
      continue;
    }
    const start = index;
    const details = collectDetails(blocks, start);
    index = details.next;
    let head;
    let promptRest = [];
    if (summaryAsks(details.summary) && details.summary) {
      head = { type: "paragraph", children: stripNumberingPhrasing(trimPhrasing(details.summary)) };
      if (details.summaryPosition) head.position = details.summaryPosition;
    } else {
      const label = summaryText(details.summary);
      const answerLabel = label !== void 0 && label !== "" && !isSupplementLabel(label) && !isHintLabel(label);
      let before = start - 1;
      const between = [];
      while (answerLabel && before > 0 && between.length < 3 && isPromptMaterial(blocks[before])) between.unshift(blocks[before--]);
      const asked = askedBefore(blocks[before], answerLabel && between.length === 0);
      head = asked?.head;
      promptRest = [...asked?.rest ?? [], ...between];
    }
    if (!head) continue;
    const extraPrompt = [...promptRest, ...details.summaryBlocks];
    const body = extraPrompt.length > 0 ? [...extraPrompt, answerMarker(details.position ?? head.position), ...details.inner] : details.inner;
    const result = readBody(head, body, { file, directives: {}, reversed: options.reversed, implicitAnswer: true });
    if (result.status === "question") add(result.draft);
    else if (result.status === "no-answer") {
      report(file, "empty-answer", "This <details> block asks a question but reveals nothing; no card is made", details.position ?? block);
    }
  }
  return sections.sections;
}
function answerMarker(position) {
  const marker = { type: "paragraph", children: [{ type: "strong", children: [{ type: "text", value: "Answer:" }] }] };
  if (position) marker.position = position;
  return marker;
}

// src/parse/dialects/list.ts
import { toString as toString7 } from "mdast-util-to-string";
var listDialect = {
  name: "list",
  description: "Questions as list items with the answer nested below the question line; headings name decks.",
  detect(tree) {
    let count2 = 0;
    for (const block of tree.children) if (block.type === "list") count2 += block.children.filter((item) => itemQuestion(item) !== void 0).length;
    return count2;
  },
  recognize: recognize4
};
function itemQuestion(item) {
  const [first, ...rest] = item.children;
  if (!first || first.type !== "paragraph") return void 0;
  const labelled = questionHead(first);
  if (labelled) {
    const blocks2 = [...labelled.rest, ...rest];
    return blocks2.length > 0 ? { head: labelled.prompt, blocks: blocks2 } : void 0;
  }
  const lines = splitFirstLine(first);
  const line = lines ? toString7(lines.head, { includeHtml: false }).trim() : "";
  if (!lines || !(/[?？؟]$/.test(line) || opensWithPromptWord(line))) return void 0;
  const blocks = [...lines.rest, ...rest];
  return blocks.length > 0 ? { head: lines.head, blocks } : void 0;
}
function splitFirstLine(paragraph) {
  const children = paragraph.children;
  for (const [index, child] of children.entries()) {
    const newline = child.type === "text" ? child.value.indexOf("\n") : child.type === "break" ? 0 : -1;
    if (newline === -1) continue;
    const headChildren = child.type === "text" ? [...children.slice(0, index), { ...child, value: child.value.slice(0, newline) }] : children.slice(0, index);
    const restChildren = trimPhrasing(child.type === "text" ? [{ ...child, value: child.value.slice(newline + 1) }, ...children.slice(index + 1)] : children.slice(index + 1));
    const head = { type: "paragraph", children: trimPhrasing(headChildren) };
    if (paragraph.position) head.position = paragraph.position;
    if (restChildren.length === 0) return { head, rest: [] };
    const rest = { type: "paragraph", children: restChildren };
    const start = restChildren[0]?.position?.start;
    if (start && paragraph.position) rest.position = { start, end: paragraph.position.end };
    else if (paragraph.position) rest.position = paragraph.position;
    return { head, rest: [rest] };
  }
  return { head: paragraph, rest: [] };
}
function recognize4(tree, file, options) {
  const sections = new SectionBuilder();
  let levels = [];
  const add = (draft) => sections.add(levels, draft);
  for (const block of tree.children) {
    if (block.type === "heading") levels = pushLevel(levels, block);
    else if (block.type === "list") readList(block, file, options, add);
  }
  return sections.sections;
}
function readList(list, file, options, add) {
  for (const item of list.children) {
    const found = itemQuestion(item);
    if (!found) continue;
    const result = readBody(found.head, found.blocks, { file, directives: {}, reversed: options.reversed, implicitAnswer: true });
    if (result.status === "question") add(result.draft);
  }
}

// src/parse/dialects/table.ts
import { toString as toString8 } from "mdast-util-to-string";
var tableDialect = {
  name: "table",
  description: "Tables with a question column and an answer column (Question | Answer, Front | Back, Term | Definition): one card per row.",
  detect(tree) {
    let count2 = 0;
    for (const block of tree.children) if (block.type === "table" && columnsOf(block)) count2 += answeredRows(block, columnsOf(block)).length;
    return count2;
  },
  recognize: recognize5
};
var questionHeaders = new Set(
  ["question", "questions", "q", "front", "recto", "term", "terme", "word", "mot", "prompt", "concept", "notion", "keyword", "frage", "begriff", "pregunta", "t\xE9rmino", "domanda", "termine", "pergunta", "quest\xE3o", "termo", "\u95EE\u9898", "\u554F\u984C", "\u95EE", "\u9898\u76EE", "\u672F\u8BED", "\u8853\u8A9E"].map(normalizeLabel)
);
var answerHeaders = new Set(
  ["back", "verso", "definition", "d\xE9finition", "meaning", "signification", "sens", "explanation", "description", "definici\xF3n", "significado", "bedeutung", "definizione", "significato", "defini\xE7\xE3o", "\u542B\u4E49", "\u542B\u7FA9", "\u5B9A\u4E49", "\u5B9A\u7FA9", "\u89E3\u91CA", "\u91CB\u7FA9"].map(normalizeLabel)
);
function columnsOf(table) {
  const header = table.children[0];
  if (!header) return void 0;
  const labels = header.children.map((cell) => toString8(cell).trim());
  const question = labels.findIndex((label) => questionHeaders.has(normalizeLabel(label)) || markerField(label) === "question");
  const answer = labels.findIndex((label, index) => index !== question && (answerHeaders.has(normalizeLabel(label)) || markerField(label) === "answer"));
  if (question === -1 || answer === -1) return void 0;
  const others = labels.flatMap(
    (label, index) => index === question || index === answer || label === "" ? [] : [{ index, header: label, field: markerField(label) === "example" ? "example" : "extra" }]
  );
  return { question, answer, others };
}
function answeredRows(table, columns) {
  return table.children.slice(1).filter((row) => cellText(row.children[columns.question]) !== "" && cellText(row.children[columns.answer]) !== "");
}
function cellText(cell) {
  return cell ? toString8(cell).trim() : "";
}
function recognize5(tree, _file, options) {
  const sections = [];
  let levels = [];
  for (const block of tree.children) {
    if (block.type === "heading") {
      levels = pushLevel(levels, block);
      continue;
    }
    if (block.type !== "table") continue;
    const columns = columnsOf(block);
    if (!columns) continue;
    const questions = answeredRows(block, columns).map((row) => rowQuestion(row.children, columns, row.position, options));
    if (questions.length === 0) continue;
    const top = levels.at(-1)?.node.position;
    const first = questions[0];
    const last = questions.at(-1);
    sections.push({ levels, questions, position: { start: top?.start ?? first.position.start, end: last.position.end } });
  }
  return sections;
}
function rowQuestion(cells, columns, position, options) {
  const start = position?.start ?? { line: 1, column: 1 };
  const field = (children) => {
    const content = { type: "root", children };
    if (position) content.position = position;
    return content;
  };
  const paragraphOf3 = (phrasing) => {
    const paragraph = { type: "paragraph", children: structuredClone(phrasing) };
    if (position) paragraph.position = position;
    return paragraph;
  };
  const example = [];
  const extra = [];
  for (const other of columns.others) {
    const cell = cells[other.index];
    if (!cell || cellText(cell) === "") continue;
    if (other.field === "example") example.push(paragraphOf3(cell.children));
    else extra.push(paragraphOf3([{ type: "strong", children: [{ type: "text", value: `${other.header}:` }] }, { type: "text", value: " " }, ...cell.children]));
  }
  return {
    kind: options.reversed ? "reversed" : "basic",
    prompt: field([paragraphOf3(cells[columns.question]?.children ?? [])]),
    answer: field([paragraphOf3(cells[columns.answer]?.children ?? [])]),
    example: example.length > 0 ? field(example) : null,
    extra: extra.length > 0 ? field(extra) : null,
    choices: null,
    tags: [],
    explicitId: void 0,
    position: position ?? { start, end: start }
  };
}

// src/parse/dialects/sr.ts
import { toString as toString11 } from "mdast-util-to-string";
import { SKIP as SKIP3, visit as visit4 } from "unist-util-visit";
import { parse as parseYaml } from "yaml";

// src/parse/dialects/sr-cards.ts
import { toString as toString9 } from "mdast-util-to-string";

// src/parse/dialects/sr-separator.ts
var pseudoElement = /^(?:-(?:webkit|moz|ms|o)-[a-z][a-z-]*|before|after|first-line|first-letter|marker|placeholder|selection|backdrop|cue(?:-region)?|file-selector-button|grammar-error|spelling-error|target-text|highlight|part|slotted|view-transition(?:-[a-z]+)*|details-content|picker(?:-icon)?|checkmark|scroll-marker(?:-group)?|scroll-button|column|search-text)(?![\p{L}\p{N}_-])/iu;
var namespaces = /* @__PURE__ */ new Set(["std", "core", "alloc", "crate", "self", "super", "Self", "boost", "absl"]);
var identifierEnd = /[\p{L}\p{N}_]+$/u;
var identifierStart = /^[\p{L}\p{N}_]+/u;
function findSeparator(text2) {
  const braces2 = [...text2.matchAll(/\{\{[\s\S]*?\}\}/g)].map((match) => [match.index, match.index + match[0].length]);
  for (const match of text2.matchAll(/:{2,}/g)) {
    const length = match[0].length;
    if (length > 3) continue;
    const index = match.index;
    if (braces2.some(([from, to]) => index > from && index < to)) continue;
    const before = text2.slice(0, index);
    const after = text2.slice(index + length);
    if (before.trim() === "") continue;
    if (length === 2 && (isPseudoElement(before, after) || isCodePath(before, after))) continue;
    if (isDataviewField(before, after)) continue;
    return { index, length };
  }
  return void 0;
}
function isPseudoElement(before, after) {
  if (/[?？]\s*$/.test(before)) return false;
  return pseudoElement.test(after);
}
function isCodePath(before, after) {
  const left = identifierEnd.exec(before)?.[0];
  if (left && after.startsWith("<")) return true;
  const right = identifierStart.exec(after)?.[0];
  if (!left || !right) return false;
  if (before.slice(0, -left.length).endsWith("::") || after.slice(right.length).startsWith("::")) return true;
  if (namespaces.has(left)) return true;
  if (/^[(<!]/.test(after.slice(right.length))) return true;
  return looksLikeCode(left) || looksLikeCode(right);
}
function looksLikeCode(identifier) {
  return /\p{Ll}\p{Lu}/u.test(identifier) || /\p{L}_|_\p{L}/u.test(identifier);
}
function isDataviewField(before, after) {
  if (!/^\s/.test(after)) return false;
  return /^\s*[a-z][a-z0-9_-]*$/.test(before) || /[[(][\p{L}\p{N}_-]+$/u.test(before);
}

// src/parse/dialects/sr-cards.ts
var placeholder = "\uFFFC";
var deckTag = /(?<![^\s([{])#(flashcards?)((?:\/[\p{L}\p{N}_-]+)*)(?![\p{L}\p{N}_/-])/giu;
var highlight2 = /==(?=\S)[^=\n]*?\S==/;
var braces = /\{\{(?!\s*\}\})[^{}]+\}\}/;
function deckTagPattern() {
  return new RegExp(deckTag.source, deckTag.flags);
}
function analyzeLine(line) {
  let masked = "";
  const spans = [];
  let formatted = false;
  for (const node of line.phrasing) {
    const from = masked.length;
    masked += node.type === "text" ? node.value : placeholder;
    spans.push({ node, from, to: masked.length });
    if (node.type !== "text" && node.type !== "inlineCode" && node.type !== "inlineMath" && node.type !== "html") formatted = true;
  }
  const decks = masked.includes("#") ? [...masked.matchAll(deckTagPattern())].map((match) => (match[2] ?? "").split("/").filter(Boolean)) : [];
  const tagsOnly = decks.length > 0 && masked.replace(deckTagPattern(), "").trim() === "";
  const separator2 = masked.includes("::") ? findSeparator(masked) : void 0;
  return { masked, spans, separator: separator2, decks, tagsOnly, cloze: hasCloze2(line.phrasing, masked, formatted) };
}
function hasCloze2(phrasing, masked, formatted) {
  if (!formatted) return highlight2.test(masked) || braces.test(masked);
  if (phrasing.some((node) => node.type !== "text" && someNode(node, "cloze"))) return true;
  const prose = phrasing.map((node) => node.type === "inlineCode" || node.type === "inlineMath" || node.type === "html" ? placeholder : toString9(node)).join("");
  return highlight2.test(prose) || braces.test(prose);
}
function findCards(lines) {
  const events = [];
  let run = [];
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const line of lines) {
    if (line.kind === "heading") {
      readRun(run, events);
      run = [];
      events.push({ type: "heading", line });
      previousEnd = line.end;
      continue;
    }
    if (line.line > previousEnd + 1) {
      readRun(run, events);
      run = [];
    }
    run.push(line);
    previousEnd = Math.max(previousEnd, line.end);
  }
  readRun(run, events);
  return events;
}
function readRun(run, events) {
  if (run.length === 0) return;
  const analyses = /* @__PURE__ */ new Map();
  const analysis = (line) => {
    let found = analyses.get(line);
    if (!found) {
      found = analyzeLine(line);
      analyses.set(line, found);
    }
    return found;
  };
  const decksOf = (lines) => lines.flatMap((line) => line.kind === "text" ? analysis(line).decks : []);
  let start = 0;
  let form;
  let reversed = false;
  let separator2 = -1;
  const close = (end) => {
    const lines = run.slice(start, end);
    if (form === "multiline") {
      const back = run.slice(separator2 + 1, end).filter(hasContent2);
      const sep = run[separator2];
      if (back.length === 0) {
        events.push({ type: "problem", rule: "empty-answer", line: sep, reason: "This card has nothing after its `?` line before the blank line; no card is made" });
      } else {
        events.push({ type: "card", card: { form, reversed, lines, separatorIndex: separator2 - start, analysis: void 0, decks: decksOf(lines) } });
      }
    } else if (form === "cloze") {
      events.push({ type: "card", card: { form, reversed: false, lines, separatorIndex: -1, analysis: void 0, decks: decksOf(lines) } });
    } else {
      for (const line of lines) for (const deck of line.kind === "text" ? analysis(line).decks : []) events.push({ type: "deck", deck, line });
    }
    form = void 0;
    separator2 = -1;
    start = end;
  };
  for (const [index, line] of run.entries()) {
    switch (line.kind) {
      case "hidden":
      case "block":
        break;
      case "schedule":
        close(index);
        start = index + 1;
        break;
      case "separator":
      case "reversed-separator": {
        if (form === "multiline") {
          close(index - 1);
        }
        const front = run.slice(start, index).filter(hasContent2);
        if (front.length === 0 || front.every((entry) => entry.kind === "text" && analysis(entry).tagsOnly)) {
          close(index);
          events.push({ type: "problem", rule: "empty-prompt", line, reason: "This `?` line has no question above it; no card is made" });
          start = index + 1;
          break;
        }
        form = "multiline";
        reversed = line.kind === "reversed-separator";
        separator2 = index;
        break;
      }
      case "text": {
        const read = analysis(line);
        if (read.separator) {
          close(index);
          events.push({ type: "card", card: { form: "inline", reversed: read.separator.length === 3, lines: [line], separatorIndex: -1, analysis: read, decks: read.decks } });
          start = index + 1;
        } else if (read.tagsOnly && start === index && !form) {
          for (const deck of read.decks) events.push({ type: "deck", deck, line });
          start = index + 1;
        } else if (read.cloze && !form) {
          form = "cloze";
        }
        break;
      }
      default:
        break;
    }
    if (line.scheduled && start <= index) {
      close(index + 1);
    }
  }
  close(run.length);
}
function hasContent2(line) {
  return line.kind === "text" || line.kind === "block";
}

// src/parse/dialects/sr-cloze.ts
import { SKIP as SKIP2, visit as visit3 } from "unist-util-visit";
var opening3 = /==(?=\S|$)|\{\{/;
function highlightClozes(field) {
  visit3(field, (node) => {
    if (!("children" in node) || node.type === "root" || node.type === "list" || node.type === "blockquote" || node.type === "cloze") return;
    const parent = node;
    if (!parent.children.some((child) => child.type === "text")) return;
    parent.children = transform(parent.children);
  });
}
function unwrapClozes(field) {
  visit3(field, "cloze", (node, index, parent) => {
    if (!parent || index === void 0) return void 0;
    parent.children.splice(index, 1, ...node.children);
    return [SKIP2, index];
  });
}
function transform(children) {
  const result = [];
  let queue = [...children];
  while (queue.length > 0) {
    const node = queue.shift();
    if (node.type !== "text") {
      result.push(node);
      continue;
    }
    const open = opening3.exec(node.value);
    if (!open) {
      result.push(node);
      continue;
    }
    const closer = open[0] === "==" ? "==" : "}}";
    const innerStart = open.index + 2;
    let closing = node;
    let closeAt = node.value.indexOf(closer, innerStart);
    let through = -1;
    for (let index = 0; closeAt === -1 && index < queue.length; index++) {
      const candidate = queue[index];
      if (candidate?.type !== "text") continue;
      closeAt = candidate.value.indexOf(closer);
      if (closeAt !== -1) {
        closing = candidate;
        through = index;
      }
    }
    if (closeAt === -1) {
      result.push(node);
      continue;
    }
    let inner = closing === node ? [part(node, innerStart, closeAt)] : [part(node, innerStart, node.value.length), ...queue.slice(0, through), part(closing, 0, closeAt)];
    let number = 0;
    let hint2 = null;
    if (closer === "}}") {
      const first = inner[0];
      const numbered = first?.type === "text" ? /^\s*c?(\d{1,3})::/.exec(first.value) : null;
      if (first?.type === "text" && numbered) {
        number = Number(numbered[1]);
        inner[0] = { ...first, value: first.value.slice(numbered[0].length) };
      }
      const last = inner.at(-1);
      const hintAt = last?.type === "text" ? last.value.lastIndexOf("::") : -1;
      if (last?.type === "text" && hintAt !== -1) {
        hint2 = last.value.slice(hintAt + 2).trim() || null;
        inner[inner.length - 1] = { ...last, value: last.value.slice(0, hintAt) };
      }
    }
    inner = inner.filter((piece) => piece.type !== "text" || piece.value !== "");
    const empty2 = inner.every((piece) => piece.type === "text" && piece.value.trim() === "");
    const before = part(node, 0, open.index);
    const after = part(closing, closeAt + 2, closing.value.length);
    if (empty2) {
      result.push(part(node, 0, innerStart));
      queue = [part(node, innerStart, node.value.length), ...queue];
      continue;
    }
    if (before.value) result.push(before);
    const cloze = { type: "cloze", number, hint: hint2, children: inner };
    const start = before.position?.end ?? node.position?.start;
    const end = after.position?.start ?? closing.position?.end;
    if (start && end) cloze.position = { start, end };
    result.push(cloze);
    queue = [after, ...closing === node ? queue : queue.slice(through + 1)];
  }
  return result.filter((node) => node.type !== "text" || node.value !== "");
}
function part(node, from, to) {
  const piece = { type: "text", value: node.value.slice(from, to) };
  const position = slice2(node.position, node.value, from, to);
  if (position) piece.position = position;
  return piece;
}
function slice2(position, value, from, to) {
  if (!position) return void 0;
  const { start, end } = position;
  const exact = start.line === end.line && end.column - start.column === value.length && !value.includes("\n");
  if (!exact) return position;
  return { start: { line: start.line, column: start.column + from }, end: { line: start.line, column: start.column + to } };
}

// src/parse/dialects/sr-lines.ts
import { toString as toString10 } from "mdast-util-to-string";
var scheduleComment = /^\s*<!--\s*SR:[\s\S]*?-->\s*$/;
var scheduleComments = /<!--\s*SR:[\s\S]*?-->/g;
var anyComment = /^\s*<!--[\s\S]*-->\s*$/;
var calloutMarker = /^\s*\[![\w-]+\][+-]?\s*/;
function isScheduleComment(html) {
  return scheduleComment.test(html);
}
function withoutSchedule(html) {
  return html.replace(scheduleComments, "");
}
var cache = /* @__PURE__ */ new WeakMap();
function sourceLines(nodes, source) {
  const lines = [];
  const walk2 = (blocks, inQuote) => {
    for (const [index, node] of blocks.entries()) {
      const start = node.position?.start.line ?? 0;
      const end = node.position?.end.line ?? start;
      switch (node.type) {
        case "yaml":
        case "definition":
          break;
        case "heading":
          lines.push({ kind: "heading", line: start, end, node, phrasing: [], scheduled: false });
          break;
        case "paragraph": {
          const cut = paragraphLines(node, source);
          if (inQuote && index === 0) stripCalloutMarker(cut);
          for (const entry of cut) {
            const text2 = toString10({ type: "paragraph", children: entry.children }).trim();
            const kind = text2 === "" ? entry.scheduled ? "schedule" : "hidden" : text2 === "?" ? "separator" : text2 === "??" ? "reversed-separator" : "text";
            lines.push({ kind, line: entry.line, end: entry.line, node, phrasing: entry.children, scheduled: entry.scheduled });
          }
          break;
        }
        case "list":
          for (const item of node.children) walk2(item.children, inQuote);
          break;
        case "blockquote":
          walk2(node.children, true);
          break;
        case "html": {
          const rest = withoutSchedule(node.value);
          const kind = rest.trim() === "" ? "schedule" : anyComment.test(rest) ? "hidden" : "block";
          lines.push({ kind, line: start, end, node, phrasing: [], scheduled: rest !== node.value });
          break;
        }
        default:
          lines.push({ kind: "block", line: start, end, node, phrasing: [], scheduled: false });
      }
    }
  };
  walk2(nodes, false);
  return lines;
}
function sliceBlocks(nodes, from, to, skip) {
  const result = [];
  for (const node of nodes) {
    const start = node.position?.start.line;
    const end = node.position?.end.line ?? start;
    if (start === void 0 || end === void 0 || end < from || start > to) continue;
    switch (node.type) {
      case "paragraph": {
        const kept = paragraphLines(node).filter((entry) => entry.line >= from && entry.line <= to && !skip.has(entry.line));
        const paragraph = joinLines(kept, node);
        if (paragraph) result.push(paragraph);
        break;
      }
      case "list": {
        const items = node.children.flatMap((item) => {
          const children = sliceBlocks(item.children, from, to, skip);
          return children.length > 0 ? [{ ...item, children }] : [];
        });
        if (items.length > 0) result.push({ ...node, children: items });
        break;
      }
      case "blockquote": {
        const children = sliceBlocks(node.children, from, to, skip);
        if (children.length > 0) result.push({ ...node, children });
        break;
      }
      case "html": {
        const rest = withoutSchedule(node.value);
        if (rest.trim() !== "" && !anyComment.test(rest) && start >= from && !skip.has(start)) result.push(rest === node.value ? node : { ...node, value: rest.trim() });
        break;
      }
      case "yaml":
      case "definition":
        break;
      default:
        if (start >= from && !skip.has(start)) result.push(node);
    }
  }
  return result;
}
function joinLines(lines, near) {
  const children = [];
  for (const [index, entry] of lines.entries()) {
    if (index > 0) {
      const previous = lines[index - 1];
      children.push(previous.hardBreak ?? { type: "text", value: "\n" });
    }
    children.push(...entry.children);
  }
  const merged = mergeTexts2(children);
  if (merged.length === 0 || toString10({ type: "paragraph", children: merged }).trim() === "") return void 0;
  const paragraph = { type: "paragraph", children: merged };
  const start = merged[0]?.position?.start ?? near.position?.start;
  const end = merged.at(-1)?.position?.end ?? near.position?.end;
  if (start && end) paragraph.position = { start, end };
  return paragraph;
}
function mergeTexts2(children) {
  const result = [];
  for (const child of children) {
    const last = result.at(-1);
    if (last?.type === "text" && child.type === "text") {
      const text2 = { type: "text", value: last.value + child.value };
      const start = last.position?.start ?? child.position?.start;
      const end = child.position?.end ?? last.position?.end;
      if (start && end) text2.position = { start, end };
      result[result.length - 1] = text2;
    } else {
      result.push(child);
    }
  }
  return result;
}
function paragraphLines(paragraph, source) {
  const cached = cache.get(paragraph);
  if (cached && (cached.placed || !source)) return cached.lines;
  const lines = [];
  let current = { line: paragraph.position?.start.line ?? 1, children: [], scheduled: false };
  for (const child of paragraph.children) {
    if (child.type === "html" && scheduleComment.test(child.value)) {
      current.scheduled = true;
      continue;
    }
    if (child.type === "break") {
      current.hardBreak = child;
      lines.push(current);
      current = { line: child.position?.end.line ?? current.line + 1, children: [], scheduled: false };
      continue;
    }
    if (child.type !== "text" || !child.value.includes("\n")) {
      current.children.push(child);
      continue;
    }
    const pieces = child.value.split("\n");
    const first = child.position?.start.line ?? current.line;
    for (const [index, piece] of pieces.entries()) {
      if (index > 0) {
        lines.push(current);
        current = { line: first + index, children: [], scheduled: false };
      }
      if (piece) current.children.push(textPiece(child, piece, index, source));
    }
  }
  lines.push(current);
  const result = lines.map((entry) => ({ ...entry, children: trimEnds(entry.children) }));
  cache.set(paragraph, { lines: result, placed: source !== void 0 });
  return result;
}
function textPiece(node, value, index, source) {
  const piece = { type: "text", value };
  const origin = node.position?.start;
  if (!origin) return piece;
  let start;
  if (index === 0) {
    start = { line: origin.line, column: origin.column };
  } else {
    const line = origin.line + index;
    const found = source?.[line - 1]?.indexOf(value.trimStart()) ?? -1;
    start = { line, column: found >= 0 ? found + 1 : 1 };
  }
  piece.position = { start, end: { line: start.line, column: start.column + value.length } };
  return piece;
}
function trimEnds(children) {
  const result = [...children];
  const last = result.at(-1);
  if (last?.type === "text") {
    const value = last.value.trimEnd();
    if (value === "") result.pop();
    else if (value !== last.value) result[result.length - 1] = { ...last, value };
  }
  return result;
}
function stripCalloutMarker(lines) {
  const first = lines[0];
  const head = first?.children[0];
  if (!first || head?.type !== "text") return;
  const marker = calloutMarker.exec(head.value);
  if (!marker) return;
  const value = head.value.slice(marker[0].length);
  const rest = first.children.slice(1);
  first.children = value ? [{ ...head, value }, ...rest] : rest;
}

// src/parse/dialects/sr.ts
var srDialect = {
  name: "sr",
  description: "Obsidian spaced-repetition cards: front::back (::: reversed), front / ? / back (?? reversed), ==highlight== and {{cloze}} clozes; #flashcards/Topic/Sub tags name decks.",
  detect(tree) {
    const events = findCards(sourceLines(tree.children));
    const cards = events.flatMap((event) => event.type === "card" ? [event.card] : []);
    const signed = frontmatterDecks(tree).length > 0 || events.some((event) => event.type === "deck") || cards.some((card) => card.form !== "cloze" || card.decks.length > 0 || card.lines.some((line) => line.scheduled)) || hasScheduleComment(tree);
    return signed ? cards.length : 0;
  },
  recognize: recognize6
};
function recognize6(tree, file, options) {
  const source = String(file.value).split("\n");
  const events = findCards(sourceLines(tree.children, source));
  const sections = [];
  let levels = [];
  let noteDeck = frontmatterDecks(tree)[0] ?? events.find((event) => event.type === "deck")?.deck;
  for (const event of events) {
    switch (event.type) {
      case "heading": {
        const heading = event.line.node;
        if (heading.type !== "heading") break;
        const text2 = toString11(heading);
        levels = [...levels.filter((level) => level.node.depth < heading.depth), { node: heading, title: deckNameFromHeading(text2), tag: difficultyTag(text2) }];
        break;
      }
      case "deck":
        noteDeck = event.deck;
        break;
      case "problem":
        report(file, event.rule, event.reason, placeOf(event.line));
        break;
      case "card": {
        const draft = draftOf(event.card, tree, file, options);
        if (!draft) break;
        addTo(sections, levels, event.card.decks[0] ?? noteDeck, draft);
        break;
      }
    }
  }
  return sections;
}
function draftOf(card, tree, file, options) {
  const first = card.lines[0];
  let prompt;
  let answer;
  if (card.form === "inline") {
    const split = splitInline(card.analysis ?? analyzeLine(first));
    prompt = split.prompt;
    answer = split.answer;
  } else {
    const skip = new Set(
      card.lines.filter((line) => line.kind !== "text" && line.kind !== "block" ? true : line.kind === "text" && analyzeLine(line).tagsOnly).map((line) => line.line)
    );
    const last = card.lines.at(-1);
    if (card.form === "cloze") {
      prompt = unwrapHome(sliceBlocks(tree.children, first.line, last.end, skip), first.line);
      answer = [];
    } else {
      const separator2 = card.lines[card.separatorIndex];
      prompt = unwrapHome(sliceBlocks(tree.children, first.line, separator2.line - 1, skip), separator2.line);
      answer = unwrapHome(sliceBlocks(tree.children, separator2.line + 1, last.end, skip), separator2.line);
    }
  }
  const fields = [prompt, answer].map((children) => withoutDeckTags({ type: "root", children }));
  const [promptField, answerField] = fields;
  if (card.form === "cloze") {
    for (const field of fields) highlightClozes(field);
    renumberHighlights(fields);
  } else {
    for (const field of fields) unwrapClozes(field);
  }
  if (promptField.children.length === 0) {
    report(file, "empty-prompt", "This card has no front before its separator; no card is made", placeOf(first));
    return void 0;
  }
  if (card.form !== "cloze" && answerField.children.length === 0) {
    report(file, "empty-answer", "This card has nothing after its `::` separator; no card is made", placeOf(first));
    return void 0;
  }
  if (card.form === "cloze" && !someNode(promptField, "cloze")) return void 0;
  let kind = card.form === "cloze" ? "cloze" : card.reversed ? "reversed" : "basic";
  if (kind === "basic" && options.reversed) kind = "reversed";
  const start = promptField.children[0]?.position?.start ?? placeOf(first).start;
  const end = endOf(card.lines);
  setPosition(promptField);
  setPosition(answerField);
  return {
    kind,
    prompt: promptField,
    answer: answerField,
    example: null,
    extra: null,
    choices: null,
    tags: [],
    explicitId: void 0,
    position: { start, end }
  };
}
function unwrapHome(blocks, line) {
  let result = blocks;
  while (result.length === 1) {
    const only = result[0];
    const position = only.position;
    if (!position || line < position.start.line || line > position.end.line) break;
    if (only.type === "blockquote") result = only.children;
    else if (only.type === "list" && only.children.length === 1) {
      const item = only.children[0];
      if (item.position && (line < item.position.start.line || line > item.position.end.line)) break;
      result = item.children;
    } else break;
  }
  return result;
}
function splitInline(analysis) {
  const separator2 = analysis.separator;
  if (!separator2) return { prompt: [], answer: [] };
  const before = [];
  const after = [];
  for (const { node, from, to } of analysis.spans) {
    if (to <= separator2.index) before.push(node);
    else if (from >= separator2.index + separator2.length) after.push(node);
    else if (node.type === "text") {
      const cut = Math.max(0, separator2.index - from);
      const resume = Math.max(0, separator2.index + separator2.length - from);
      if (cut > 0) before.push(textPart2(node, 0, cut));
      if (resume < node.value.length) after.push(textPart2(node, resume, node.value.length));
    }
  }
  return { prompt: paragraphOf2(before), answer: paragraphOf2(after) };
}
function paragraphOf2(children) {
  const trimmed = trimPhrasing(mergeTexts2(children).filter((node) => node.type !== "text" || node.value !== ""));
  if (trimmed.length === 0 || toString11({ type: "paragraph", children: trimmed }).trim() === "") return [];
  const paragraph = { type: "paragraph", children: trimmed };
  const start = trimmed[0]?.position?.start;
  const end = trimmed.at(-1)?.position?.end;
  if (start && end) paragraph.position = { start, end };
  return [paragraph];
}
function textPart2(node, from, to) {
  const part2 = { type: "text", value: node.value.slice(from, to) };
  const position = node.position;
  if (position && position.start.line === position.end.line && position.end.column - position.start.column === node.value.length) {
    part2.position = { start: { line: position.start.line, column: position.start.column + from }, end: { line: position.start.line, column: position.start.column + to } };
  } else if (position) {
    part2.position = position;
  }
  return part2;
}
function withoutDeckTags(field) {
  visit4(field, "text", (node) => {
    if (node.value.includes("#")) node.value = node.value.replace(deckTagPattern(), "");
  });
  visit4(field, "html", (node, index, parent) => {
    const rest = withoutSchedule(node.value);
    if (rest === node.value || !parent || index === void 0) return void 0;
    if (rest.trim() !== "") {
      node.value = rest.trim();
      return void 0;
    }
    parent.children.splice(index, 1);
    return [SKIP3, index];
  });
  visit4(field, "paragraph", (node) => {
    node.children = trimPhrasing(node.children);
  });
  field.children = field.children.filter((block) => block.type !== "paragraph" || toString11(block).trim() !== "" || block.children.some((child) => child.type !== "text"));
  return field;
}
function addTo(sections, levels, deck, question) {
  const last = sections.at(-1);
  const sameDeck = (a, b) => a === void 0 ? b === void 0 : b !== void 0 && a.join("\0") === b.join("\0");
  if (last && last.levels.length === levels.length && last.levels.every((level, index) => level.node === levels[index]?.node) && sameDeck(last.deck, deck)) {
    last.questions.push(question);
    last.position = { start: last.position.start, end: question.position.end };
    return;
  }
  const top = levels.at(-1)?.node.position;
  const section = { levels, questions: [question], position: { start: top?.start ?? question.position.start, end: question.position.end } };
  if (deck) section.deck = deck;
  sections.push(section);
}
function frontmatterDecks(tree) {
  const yaml = tree.children.find((node) => node.type === "yaml");
  if (!yaml) return [];
  let data;
  try {
    data = parseYaml(yaml.value, { uniqueKeys: false });
  } catch {
    return [];
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return [];
  const raw = data["tags"] ?? data["tag"];
  const tags = typeof raw === "string" ? raw.split(/[\s,]+/) : Array.isArray(raw) ? raw.filter((tag) => typeof tag === "string") : [];
  return tags.flatMap((tag) => [...` #${tag.replace(/^#/, "")}`.matchAll(deckTagPattern())].map((match) => (match[2] ?? "").split("/").filter(Boolean)));
}
function hasScheduleComment(tree) {
  return someNode(tree, "html", (node) => isScheduleComment(node.value));
}
function placeOf(line) {
  const start = line.phrasing[0]?.position?.start ?? line.node.position?.start ?? { line: line.line, column: 1 };
  return { start, end: line.node.position?.end ?? start };
}
function endOf(lines) {
  const last = lines.at(-1);
  return last.phrasing.at(-1)?.position?.end ?? (last.node.type === "paragraph" ? void 0 : last.node.position?.end) ?? { line: last.end, column: 1 };
}
function setPosition(field) {
  const start = field.children[0]?.position?.start;
  const end = field.children.at(-1)?.position?.end;
  if (start && end) field.position = { start, end };
}

// src/parse/dialects/index.ts
var dialects = {
  [headingDialect.name]: headingDialect,
  [qaDialect.name]: qaDialect,
  [detailsDialect.name]: detailsDialect,
  [listDialect.name]: listDialect,
  [tableDialect.name]: tableDialect,
  [srDialect.name]: srDialect
};

// src/parse/frontmatter.ts
import { parseDocument } from "yaml";
var dialectNames = Object.keys(dialects);
function readFrontmatter(node, file) {
  const result = { deck: [], tags: [], reversed: false };
  if (!node || !node.position) return result;
  const origin = { line: node.position.start.line + 1, column: 1 };
  const document = parseDocument(node.value, { prettyErrors: false, uniqueKeys: false });
  const firstError = document.errors[0];
  if (firstError) {
    const [offset] = firstError.pos;
    report(file, "invalid-frontmatter", `Frontmatter is not valid YAML: ${firstError.message.split("\n")[0]}`, pointAt(node.value, offset, origin));
    return result;
  }
  const keyOffsets = /* @__PURE__ */ new Map();
  const items = document.contents && "items" in document.contents ? document.contents.items : [];
  for (const item of items) {
    const name = item.key ? String(item.key.value) : void 0;
    if (name === void 0) continue;
    if (keyOffsets.has(name)) {
      report(file, "invalid-frontmatter", "Frontmatter is not valid YAML: Map keys must be unique", pointAt(node.value, item.key?.range?.[0] ?? 0, origin));
      return result;
    }
    keyOffsets.set(name, item.key?.range?.[0] ?? 0);
  }
  let data;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    report(file, "invalid-frontmatter", `Frontmatter cannot be read: ${error instanceof Error ? error.message : String(error)}`, origin);
    return result;
  }
  if (data === null || data === void 0) return result;
  if (typeof data !== "object" || Array.isArray(data)) {
    report(file, "invalid-frontmatter", "Frontmatter must be a mapping of keys to values", node);
    return result;
  }
  const record = data;
  const lineStarts = [0];
  for (let index = node.value.indexOf("\n"); index !== -1; index = node.value.indexOf("\n", index + 1)) lineStarts.push(index + 1);
  const placeOf2 = (key) => {
    const offset = keyOffsets.get(key) ?? 0;
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = low + high + 1 >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: origin.line + low, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
  for (const key of Object.keys(record)) {
    const value = record[key];
    switch (key) {
      case "deck": {
        const deck = toDeckPath(value);
        if (deck) result.deck = deck;
        else report(file, "invalid-frontmatter", "`deck` must be a string (`A::B`) or a list of strings", placeOf2(key));
        break;
      }
      case "tags": {
        const tags = toTags(value);
        if (tags) result.tags = tags;
        else report(file, "invalid-frontmatter", "`tags` must be a string or a list of strings", placeOf2(key));
        break;
      }
      case "title":
      case "lang": {
        if (typeof value === "string" && value.trim()) result[key] = value.trim();
        else report(file, "invalid-frontmatter", `\`${key}\` must be a non-empty string`, placeOf2(key));
        break;
      }
      case "dialect": {
        if (typeof value === "string" && dialectNames.includes(value)) result.dialect = value;
        else report(file, "invalid-frontmatter", `\`dialect\` must be one of ${dialectNames.map((name) => `\`${name}\``).join(", ")}`, placeOf2(key));
        break;
      }
      case "reversed": {
        if (typeof value === "boolean") result.reversed = result.reversed || value;
        else report(file, "invalid-frontmatter", "`reversed` must be true or false", placeOf2(key));
        break;
      }
      case "kind": {
        if (value === "reversed") result.reversed = true;
        else if (value !== "basic") report(file, "invalid-frontmatter", "`kind` must be `basic` or `reversed` (cloze and choice questions are recognized from their syntax)", placeOf2(key));
        break;
      }
      case "cloze": {
        if (value === "highlight" || value === "anki") result.cloze = value;
        else report(file, "invalid-frontmatter", "`cloze` must be `highlight` (also read ==text== as clozes) or `anki`", placeOf2(key));
        break;
      }
      default:
        report(file, "unknown-frontmatter-key", `Frontmatter key \`${key}\` is not used by deckdown`, placeOf2(key));
    }
  }
  return result;
}
function toDeckPath(value) {
  const parts = typeof value === "string" ? value.split("::") : Array.isArray(value) && value.every((part2) => typeof part2 === "string" || typeof part2 === "number") ? value.flatMap((part2) => String(part2).split("::")) : void 0;
  return parts?.map((part2) => part2.replace(/\s+/g, " ").trim()).filter(Boolean);
}
function toTags(value) {
  const raw = typeof value === "string" ? value.split(/[\s,]+/) : Array.isArray(value) && value.every((tag) => typeof tag === "string" || typeof tag === "number") ? value.map(String) : void 0;
  return raw?.map(normalizeTag).filter(Boolean);
}
function normalizeTag(tag) {
  return tag.trim().replace(/^#+/, "").replace(/\s+/g, "_");
}
function pointAt(text2, offset, origin) {
  let line = origin.line;
  let column = origin.column;
  for (let index = 0; index < offset && index < text2.length; index++) {
    if (text2.charCodeAt(index) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

// src/parse/identity.ts
import { createHash } from "node:crypto";
var explicitIdPattern = /^[\p{L}\p{N}][\p{L}\p{N}._:/-]*$/u;
function isValidExplicitId(id) {
  return id.length <= 200 && explicitIdPattern.test(id);
}
function normalizePrompt(text2) {
  return text2.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
function deriveId(deck, promptText) {
  const normalized = normalizePrompt(promptText).replace(/^(?:q(?:uestion)?\s*)?\d+\s+/, "");
  const hash = createHash("sha256").update(deck.map((segment) => segment.normalize("NFC")).join("::")).update("").update(normalized).digest("hex").slice(0, 10);
  const slug = slugify(normalized);
  return slug ? `${slug}-${hash}` : `q-${hash}`;
}
function slugify(text2, maxLength = 40) {
  const words = text2.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim().split(" ").filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) {
      if (!slug) slug = word.slice(0, maxLength);
      break;
    }
    slug = next;
  }
  return slug;
}
var nextSuffixes = /* @__PURE__ */ new WeakMap();
function uniqueIds(ids, taken = /* @__PURE__ */ new Set()) {
  let next = nextSuffixes.get(taken);
  if (!next) {
    next = /* @__PURE__ */ new Map();
    nextSuffixes.set(taken, next);
  }
  const resume = next;
  return ids.map((id) => {
    if (!taken.has(id)) {
      taken.add(id);
      return { id, duplicateOf: void 0 };
    }
    let n = resume.get(id) ?? 2;
    while (taken.has(`${id}-${n}`)) n++;
    resume.set(id, n + 1);
    const unique = `${id}-${n}`;
    taken.add(unique);
    return { id: unique, duplicateOf: id };
  });
}

// src/parse/structure/index.ts
import { VFile as VFile2 } from "vfile";

// src/parse/structure/titles.ts
import { toString as toString12 } from "mdast-util-to-string";
function titleSingleQuestionHeadings(sections) {
  const held = /* @__PURE__ */ new Map();
  for (const section of sections) {
    if (section.deck) continue;
    const weight = section.questions.some((question) => question.headed) ? Number.POSITIVE_INFINITY : section.questions.length;
    for (const level of section.levels) held.set(level.node, (held.get(level.node) ?? 0) + weight);
  }
  const groups = /* @__PURE__ */ new Map();
  const parentKey = /* @__PURE__ */ new Map();
  for (const section of sections) {
    if (section.deck) continue;
    section.levels.forEach((level, index) => {
      if (parentKey.has(level.node)) return;
      const parent = section.levels[index - 1]?.node;
      const key = `${parent ? nodeKey(parent) : "root"}>${level.node.depth}`;
      parentKey.set(level.node, key);
      const group = groups.get(key) ?? [];
      group.push(level.node);
      groups.set(key, group);
    });
  }
  const titles = /* @__PURE__ */ new Set();
  for (const group of groups.values()) {
    if (group.length >= 2 && group.every((heading) => held.get(heading) === 1)) for (const heading of group) titles.add(heading);
  }
  if (titles.size === 0) return sections;
  const result = [];
  for (const section of sections) {
    const last = section.levels.at(-1);
    if (section.deck || !last || !titles.has(last.node) || section.questions.length !== 1) {
      result.push(section);
      continue;
    }
    const levels = section.levels.slice(0, -1);
    const question = withTitle(section.questions[0], last);
    const previous = result.at(-1);
    if (previous && !previous.deck && sameLevels(previous.levels, levels)) {
      previous.questions.push(question);
      previous.position = { start: previous.position.start, end: question.position.end };
    } else {
      result.push({ levels, questions: [question], position: section.position });
    }
  }
  return result;
}
function nodeKey(heading) {
  return `${heading.position?.start.offset ?? heading.position?.start.line ?? toString12(heading)}`;
}
function sameLevels(a, b) {
  return a.length === b.length && a.every((level, index) => level.node === b[index]?.node);
}
function withTitle(question, level) {
  const title = level.title.trim();
  const promptText = toString12(question.prompt).trim();
  if (!title || /^(?:q|question|exercise|exercice|ejercicio|aufgabe|esercizio|exercício|questão|问题|题目)?\s*\d*$/iu.test(title) || promptText.startsWith(title)) {
    return question;
  }
  const heading = { type: "paragraph", children: [{ type: "strong", children: [{ type: "text", value: title }] }] };
  if (level.node.position) heading.position = level.node.position;
  const children = [heading, ...question.prompt.children];
  return { ...question, prompt: { ...question.prompt, children } };
}

// src/parse/structure/unanswered.ts
import { toString as toString13 } from "mdast-util-to-string";
function reportUnansweredLists(blocks, covered, file) {
  for (const [index, block] of blocks.entries()) {
    if (block.type !== "list" || !isQuestionList(block) || !block.position) continue;
    if (opensDetails(blocks[index + 1])) continue;
    const start = block.position.start;
    if (covered.some((position) => position.start.line <= start.line && position.end.line >= start.line)) continue;
    const first = toString13(block.children[0], { includeHtml: false }).trim();
    report(
      file,
      "unanswered-questions",
      `${block.children.length} question(s) in this list have no answers (first: \`${first.slice(0, 80)}\`); they make no cards`,
      block
    );
  }
}
function isQuestionList(list) {
  const lines = list.children.map((item) => item.children.length === 1 && item.children[0]?.type === "paragraph" ? toString13(item, { includeHtml: false }).trim() : void 0);
  if (lines.length === 0 || lines.some((line) => line === void 0 || line.includes("\n"))) return false;
  const asking = lines.filter((line) => line !== void 0 && (/[?？؟]$/.test(line) || opensWithPromptWord(line))).length;
  return asking * 2 > lines.length && lines.some((line) => line !== void 0 && /[?？؟]$/.test(line));
}

// src/parse/structure/index.ts
var regionDialectNames = ["heading", "qa", "details", "list", "table", "sr"];
function readDocument(tree, file, options) {
  const heading = dialects["heading"];
  const used = /* @__PURE__ */ new Map();
  const readRegion = bestRegionReader(regionDialects(), options, used);
  const sectioned = trial("heading", file, (scratch) => heading.recognize(tree, scratch, { ...options, readRegion }));
  const rivals = Object.values(dialects).filter((dialect) => dialect !== heading).map((dialect) => ({ dialect, strength: dialect.detect(tree) })).filter(({ strength }) => strength > 0).map(({ dialect, strength }) => ({ ...trial(dialect.name, file, (scratch) => dialect.recognize(tree, scratch, options)), strength }));
  let chosen = sectioned;
  for (const rival of rivals) {
    const fileWide = rival.sections.some((section) => section.deck !== void 0);
    const more = rival.count > chosen.count || fileWide && rival.count === chosen.count;
    if (more && rival.count > 0 && rival.strength >= sectioned.count) chosen = rival;
  }
  const sectionedName = describeSections(used);
  for (const message of chosen.messages) file.messages.push(message);
  const chosenKeys = questionKeys(chosen);
  const disagreeing = [sectioned, ...rivals].filter((reading) => reading !== chosen && reading.count > 0 && !isSubset(questionKeys(reading), chosenKeys));
  if (disagreeing.length > 0) {
    const name = (reading) => reading === sectioned ? sectionedName : reading.name;
    const others = disagreeing.map((reading) => `${reading.count} as \`${name(reading)}\``).join(", ");
    report(
      file,
      "ambiguous-dialect",
      `This file mixes conventions: ${chosen.count} question(s) read as \`${name(chosen)}\`, ${others}; using \`${name(chosen)}\`. Set \`dialect:\` in the frontmatter to choose`,
      { line: 1, column: 1 }
    );
  }
  return titleSingleQuestionHeadings(chosen.sections);
}
function questionKeys(reading) {
  const keys = /* @__PURE__ */ new Set();
  for (const section of reading.sections) for (const question of section.questions) keys.add(`${question.position.start.line}:${question.position.start.column}`);
  return keys;
}
function isSubset(a, b) {
  for (const key of a) if (!b.has(key)) return false;
  return true;
}
function regionDialects() {
  return regionDialectNames.flatMap((name) => dialects[name] ?? []);
}
function bestRegionReader(candidates, options, used) {
  return (regionBlocks, file) => {
    const { blocks, lines } = takeMetadata(regionBlocks);
    const root = { type: "root", children: blocks };
    let best;
    for (const dialect of candidates) {
      const reading = trial(dialect.name, file, (scratch) => dialect.recognize(root, scratch, { reversed: options.reversed }));
      if (!best || reading.count > best.count) best = reading;
    }
    if (!best) return [];
    for (const message of best.messages) file.messages.push(message);
    reportUnansweredLists(blocks, best.sections.flatMap((section) => section.questions.map((question) => question.position)), file);
    if (best.count > 0) used.set(best.name, (used.get(best.name) ?? 0) + best.count);
    applyMetadata(best.sections.flatMap((section) => section.questions), lines);
    return best.sections;
  };
}
function trial(name, file, read) {
  const scratch = new VFile2({ path: file.path });
  const sections = read(scratch);
  const count2 = sections.reduce((sum, section) => sum + section.questions.length, 0);
  return { name, sections, count: count2, messages: scratch.messages };
}
function describeSections(used) {
  const others = [...used.keys()].filter((name) => name !== "heading").sort();
  return ["heading", ...others].join("+");
}

// src/parse/structure/labelled-lines.ts
function splitLabelledLines(tree) {
  const walk2 = (parent) => {
    for (let index = 0; index < parent.children.length; index++) {
      const node = parent.children[index];
      if (node.type !== "paragraph") {
        if ("children" in node) walk2(node);
        continue;
      }
      const paragraphs = splitParagraph(node);
      if (!paragraphs) continue;
      parent.children.splice(index, 1, ...paragraphs);
      index += paragraphs.length - 1;
    }
  };
  walk2(tree);
}
function splitParagraph(node) {
  if (!node.children.some((child) => child.type === "break" || child.type === "text" && child.value.includes("\n"))) return void 0;
  const lines = phrasingLines(node.children);
  if (lines.length < 2) return void 0;
  const plain = isQuestionLine(lines[0] ?? []);
  const starts = lines.map((line, lineIndex) => lineIndex === 0 || isLabelledLine(line) || plain && isPlainLabelLine(line));
  if (starts.filter(Boolean).length < 2) return void 0;
  const paragraphs = [];
  for (const [lineIndex, line] of lines.entries()) {
    const current = paragraphs.at(-1);
    if (starts[lineIndex] || !current) paragraphs.push({ type: "paragraph", children: [...line] });
    else current.children.push({ type: "text", value: "\n" }, ...line);
  }
  for (const paragraph of paragraphs) placeParagraph(paragraph, node);
  return paragraphs;
}
function isQuestionLine(line) {
  return splitMarker({ type: "paragraph", children: line })?.field === "question";
}
function isPlainLabelLine(line) {
  const field = line[0]?.type === "text" ? splitMarker({ type: "paragraph", children: line })?.field : void 0;
  return field === "question" || field === "answer";
}
function isLabelledLine(line) {
  const paragraph = { type: "paragraph", children: line };
  const first = line[0];
  if (!first || first.type !== "strong" && first.type !== "emphasis") return false;
  return splitMarker(paragraph) !== void 0 || metadataTags(paragraph) !== void 0;
}
function placeParagraph(paragraph, original) {
  const start = paragraph.children[0]?.position?.start;
  const end = paragraph.children.at(-1)?.position?.end;
  if (start && end) paragraph.position = { start, end };
  else if (original.position) paragraph.position = original.position;
}

// src/parse/structure/navigation.ts
import { toString as toString14 } from "mdast-util-to-string";
var contentsTitles = /* @__PURE__ */ new Set([
  "contents",
  "table of contents",
  "toc",
  "index",
  "sommaire",
  "table des mati\xE8res",
  "table des matieres",
  "index des questions",
  "\xEDndice",
  "indice",
  "contenido",
  "contenidos",
  "tabla de contenidos",
  "inhalt",
  "inhaltsverzeichnis",
  "sum\xE1rio",
  "sumario",
  "conte\xFAdo",
  "indice dei contenuti",
  "sommario",
  "\u76EE\u5F55",
  "\u76EE\u9304",
  "\u5185\u5BB9",
  "\u7D22\u5F15",
  "\u9898\u76EE\u5217\u8868",
  "\u95EE\u9898\u5217\u8868"
]);
var weakContentsTitles = /* @__PURE__ */ new Set(["index", "questions", "list of questions", "question list", "all questions", "liste des questions", "questions list", "\u9898\u76EE\u5217\u8868", "\u95EE\u9898\u5217\u8868"]);
var backToTop = /(?:back\s*to\s*top|top\s*of\s*page|go\s*to\s*top|retour\s*(?:en\s*haut|au\s*(?:début|sommaire))|haut\s*de\s*page|volver\s*arriba|nach\s*oben|torna\s*su|voltar\s*ao\s*topo|返回顶部|回到顶部|返回目录|回到目录|⬆|↥|↑|🔝|⏫)/iu;
var badgeUrl = /(?:shields\.io|badgen\.net|badge\.fury\.io|travis-ci\.(?:org|com)|circleci\.com|codecov\.io|coveralls\.io|github\.com\/[^)\s]+\/(?:workflows|actions)\/[^)\s]*badge|\/badge(?:s)?\/|badge\.svg|\.svg\?(?:style|label|logo)=|app\.netlify\.com\/sites\/[^)\s]+\/deploys|img\.buymeacoffee\.com|ko-fi\.com\/img)/i;
function stripNavigation(tree) {
  stripIn(tree, true);
}
function stripIn(parent, top) {
  const kept = [];
  const children = parent.children;
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    if (node.type === "heading" && top && (isContentsHeading(node) || isWeakContentsHeading(node))) {
      let end = index + 1;
      while (end < children.length && children[end]?.type !== "heading" && isSkippableUnderContents(children[end])) end++;
      const next = children[end];
      if (end === index + 1 && next?.type === "list" && next.children[0] && isTocItem(next.children[0]) && isContentsHeading(node)) continue;
      if (end > index + 1 && (isContentsHeading(node) || end === children.length || children[end]?.type === "heading")) {
        index = end - 1;
        continue;
      }
    }
    if (isNavigationBlock(node)) continue;
    if (node.type === "list") {
      node.children = node.children.filter((item) => !isTocItem(item));
      if (node.children.length === 0) continue;
    }
    if (node.type === "list" || node.type === "listItem" || node.type === "blockquote") stripIn(node, false);
    if (node.type === "paragraph") stripInlineBackToTop(node);
    kept.push(node);
  }
  parent.children = kept;
}
function isContentsHeading(heading) {
  return contentsTitles.has(normalizeTitle(toString14(heading)));
}
function isWeakContentsHeading(heading) {
  return weakContentsTitles.has(normalizeTitle(toString14(heading)));
}
function isSkippableUnderContents(node) {
  if (isNavigationBlock(node)) return true;
  if (node.type === "html") return /^\s*(?:<!--[\s\S]*-->\s*)*$/.test(node.value) || onlyAnchorLinks(node.value);
  return false;
}
function isNavigationBlock(node) {
  switch (node.type) {
    case "list":
      return isTocList(node);
    case "table":
      return isTocTable(node);
    case "paragraph":
      return isBackToTopParagraph(node.children) || isBadgeRow(node.children);
    case "html":
      return isBackToTopHtml(node) || isBadgeHtml(node.value);
    case "thematicBreak":
      return false;
    default:
      return false;
  }
}
function isTocList(list) {
  if (list.children.length === 0) return false;
  return list.children.every((item) => isTocItem(item));
}
function isTocItem(item) {
  const [first, ...rest] = item.children;
  if (!first || first.type !== "paragraph") return false;
  if (!onlyAnchorLinkPhrasing(first.children)) return false;
  return rest.every((child) => child.type === "list" && isTocList(child));
}
function isTocTable(table) {
  const rows = table.children.slice(1);
  if (rows.length === 0) return false;
  return rows.every((row) => row.children.some((cell) => onlyAnchorLinkPhrasing(cell.children)) && row.children.every((cell) => onlyAnchorLinkPhrasing(cell.children) || /^\s*[\d.]*\s*$/.test(toString14(cell))));
}
function onlyAnchorLinkPhrasing(children) {
  let links = 0;
  for (const child of flattenPhrasing(children)) {
    if (child.type === "link") {
      if (!child.url.startsWith("#")) return false;
      links++;
      continue;
    }
    if (child.type === "text" && /^[\s\d.)|:*·•–—-]*$/u.test(child.value)) continue;
    if (child.type === "break") continue;
    return false;
  }
  return links > 0;
}
function flattenPhrasing(children) {
  return children.flatMap((child) => child.type === "strong" || child.type === "emphasis" ? flattenPhrasing(child.children) : [child]);
}
function isBackToTopParagraph(children) {
  const flat = flattenPhrasing(children).filter((child) => !(child.type === "text" && child.value.trim() === "") && child.type !== "break");
  if (flat.length === 0) return false;
  let sawBackLink = false;
  for (const child of flat) {
    if (child.type === "link") {
      if (!child.url.startsWith("#")) return false;
      if (backToTop.test(toString14(child)) || child.url === "#" || isContentsAnchor(child.url)) sawBackLink = true;
      continue;
    }
    if (child.type === "html" && /^<\/?(?:a|b|strong|div|p|span|sup|sub|small)\b[^>]*>$/i.test(child.value.trim())) continue;
    if (child.type === "text" && backToTop.test(child.value) && child.value.trim().length <= 40) {
      sawBackLink = sawBackLink || /href/.test(child.value);
      continue;
    }
    if (child.type === "text" && /^[\s|·•–—-]*$/u.test(child.value)) continue;
    return false;
  }
  return sawBackLink;
}
function isContentsAnchor(url) {
  const anchor = decodeURIComponentSafe(url.slice(1)).replace(/-/g, " ");
  return contentsTitles.has(normalizeTitle(anchor)) || /^(?:top|readme|top of page|table of contents)$/i.test(anchor.trim());
}
function decodeURIComponentSafe(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
function stripInlineBackToTop(paragraph) {
  const children = paragraph.children;
  for (let index = children.length - 1; index > 0; index--) {
    const child = children[index];
    const newline = child.type === "text" ? child.value.lastIndexOf("\n") : child.type === "break" ? 0 : -1;
    if (newline === -1) continue;
    const tail = child.type === "text" ? [{ ...child, value: child.value.slice(newline + 1) }, ...children.slice(index + 1)] : children.slice(index + 1);
    if (!isBackToTopParagraph(tail)) return;
    const head = child.type === "text" ? [...children.slice(0, index), { ...child, value: child.value.slice(0, newline) }] : children.slice(0, index);
    paragraph.children = head;
    return;
  }
}
function isBackToTopHtml(node) {
  const value = node.value;
  if (value.length > 600) return false;
  if (!/<a\b/i.test(value) && !backToTop.test(value)) return false;
  const hrefs = [...value.matchAll(/href\s*=\s*["']?([^"'\s>]*)/gi)].map((match) => match[1] ?? "");
  if (hrefs.some((href) => !href.startsWith("#"))) return false;
  const text2 = value.replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]*>/g, " ").replace(/&[a-z]+;|&#\d+;/gi, " ").trim();
  if (text2 === "") return hrefs.length > 0;
  return backToTop.test(text2) && text2.length <= 40;
}
function onlyAnchorLinks(value) {
  const hrefs = [...value.matchAll(/href\s*=\s*["']?([^"'\s>]*)/gi)].map((match) => match[1] ?? "");
  return hrefs.length > 0 && hrefs.every((href) => href.startsWith("#"));
}
function isBadgeRow(children) {
  let badges = 0;
  for (const child of children) {
    if (child.type === "text" && /^[\s|·•]*$/u.test(child.value)) continue;
    if (child.type === "break") continue;
    const image = child.type === "link" && child.children.length === 1 ? child.children[0] : child;
    if (image?.type === "image" && badgeUrl.test(image.url)) {
      badges++;
      continue;
    }
    return false;
  }
  return badges > 0;
}
function isBadgeHtml(value) {
  const sources = [...value.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1] ?? "");
  if (sources.length === 0 || !sources.every((source) => badgeUrl.test(source))) return false;
  const text2 = value.replace(/<[^>]*>/g, "").trim();
  return text2 === "";
}

// src/parse/index.ts
var emptyOptions = {};
function parse(input, options) {
  const settings = options ?? emptyOptions;
  const file = input instanceof VFile3 ? input : new VFile3(input);
  const path = file.path ?? "";
  const tree = { type: "root", children: [], data: { files: [path] } };
  const limits = resolveLimits(settings.limits);
  if (!checkInputSize(file, limits)) return { tree, file };
  if (!decodeInto(file, settings)) return { tree, file };
  const text2 = String(file.value);
  if (!checkText(text2, file, limits)) return { tree, file };
  const mdast = parseMarkdown(text2);
  if (mdast.position) tree.position = mdast.position;
  const yaml = mdast.children.find((node) => node.type === "yaml");
  const frontmatter2 = readFrontmatter(yaml, file);
  if (frontmatter2.title) tree.data = { ...tree.data, title: frontmatter2.title };
  if (frontmatter2.lang) tree.data = { ...tree.data, lang: frontmatter2.lang };
  clozeTransform(mdast, file, { highlights: frontmatter2.cloze === "highlight" });
  stripNavigation(mdast);
  splitLabelledLines(mdast);
  const asked = settings.dialect ?? frontmatter2.dialect;
  const recognizeOptions = { reversed: frontmatter2.reversed };
  const drafts = asked ? resolveDialect(asked).recognize(mdast, file, recognizeOptions) : readDocument(mdast, file, recognizeOptions);
  if (!checkDrafts(drafts, file, limits)) return { tree, file };
  const fileName = fileDeckName(path, mdast);
  const fallbackDeck = frontmatter2.deck.length > 0 || settings.fileDeck ? [] : [fileName.name];
  const rootDeck = [...settings.deck ?? [], ...settings.fileDeck ? [fileName.name] : []];
  const extraTags = [...frontmatter2.tags, ...settings.tags ?? []];
  for (const draft of drafts) {
    const levels = settings.fileDeck && fileName.heading && draft.levels[0]?.node === fileName.heading ? draft.levels.slice(1) : draft.levels;
    const levelDeck = draft.deck ?? levels.map((level) => level.title);
    const ownDeck = [...frontmatter2.deck, ...levelDeck];
    const deck = [...rootDeck, ...ownDeck.length > 0 ? ownDeck : fallbackDeck];
    const levelTag = settings.difficultyTags === false ? void 0 : draft.levels.findLast((level) => level.tag)?.tag;
    const levelTags = levelTag ? [levelTag] : [];
    const sectionTags = [...extraTags, ...levelTags];
    const section = {
      type: "section",
      deck,
      title: draft.levels.at(-1)?.title ?? null,
      file: path,
      children: [],
      position: draft.position
    };
    for (const question of draft.questions) {
      let id;
      if (question.explicitId) {
        if (isValidExplicitId(question.explicitId.value)) id = question.explicitId.value;
        else report(file, "invalid-id", `Explicit id \`${question.explicitId.value}\` is not valid; using a derived id`, question.explicitId.position);
      }
      const node = {
        type: "question",
        id: id ?? deriveId(ownDeck, toString15(question.prompt)),
        idSource: id ? "explicit" : "derived",
        kind: question.kind,
        deck,
        tags: [.../* @__PURE__ */ new Set([...sectionTags, ...question.tags])].sort(),
        prompt: question.prompt,
        answer: question.answer,
        example: question.example,
        extra: question.extra,
        choices: question.choices,
        file: path,
        ...settings.sourceName && settings.sourceName !== path ? { sourceName: settings.sourceName } : {},
        position: question.position
      };
      section.children.push(node);
    }
    tree.children.push(section);
  }
  dedupeIds([tree], [file]);
  if (tree.children.length === 0) {
    report(file, "no-questions", "No questions found: a question is a heading followed by an answer marker such as `**Answer:**`", { line: 1, column: 1 });
  }
  return { tree, file };
}
function dedupeIds(trees, files, taken = /* @__PURE__ */ new Set(), first = /* @__PURE__ */ new Map()) {
  const questions = trees.flatMap((tree) => tree.children.flatMap((section) => section.children));
  const fileByPath = new Map(files.map((file) => [file.path, file]));
  const unique = uniqueIds(
    questions.map((question) => question.id),
    taken
  );
  for (const [index, question] of questions.entries()) {
    const result = unique[index];
    if (!result) continue;
    if (result.duplicateOf === void 0) {
      first.set(question.id, { file: question.file, line: question.position.start.line, column: question.position.start.column });
      continue;
    }
    const original = first.get(result.duplicateOf);
    const file = fileByPath.get(question.file) ?? files[0];
    if (file) {
      const where = original ? ` (first at ${original.file}:${original.line}:${original.column})` : "";
      if (question.idSource === "explicit") {
        report(file, "duplicate-id", `Question id \`${question.id}\` is already used${where}; this one becomes \`${result.id}\``, question);
      } else {
        report(
          file,
          "duplicate-question",
          `The same question is already asked in this deck${where}; its id becomes \`${result.id}\`. Reword one, or pin ids with \`<!-- id: \u2026 -->\``,
          question
        );
      }
    }
    question.id = result.id;
  }
}
function decodeInto(file, settings) {
  if (typeof file.value === "string") {
    file.value = file.value.replace(/\r\n?/g, "\n");
    return true;
  }
  const result = decodeBytes(file.value ?? new Uint8Array(), { repairMojibake: settings.repairEncoding !== false });
  if (!result.ok) {
    report(file, "not-text", `Cannot read this file as text: ${result.problem.reason}`, {
      line: result.problem.line,
      column: result.problem.column
    });
    file.value = "";
    return false;
  }
  file.value = result.text;
  if (result.fallback) {
    report(file, "encoding-fallback", "This file is not valid UTF-8; it was read as Windows-1252. Save it as UTF-8", { line: 1, column: 1 });
  }
  if (result.repaired.length === 0 && !result.fallback && settings.repairEncoding !== false) {
    const suspicion = findMojibake(result.text);
    if (suspicion) {
      report(
        file,
        "encoding-suspect",
        `This text has ${suspicion.count} mojibake-looking sequences (first: \`${suspicion.sample}\`) that could not be repaired because other parts of the file are clean; re-save the damaged parts as UTF-8`,
        pointAtOffset(result.text, suspicion.offset)
      );
    }
  }
  if (result.repaired.length > 0) {
    report(
      file,
      "encoding-repaired",
      `The text was UTF-8 misread as ${result.repaired.map(encodingLabel).join(", then ")} and saved again (mojibake); it was repaired. Save the file as UTF-8 to silence this`,
      { line: 1, column: 1 }
    );
  }
  return true;
}
function pointAtOffset(text2, offset) {
  let line = 1;
  let lineStart = 0;
  for (let index = text2.indexOf("\n"); index !== -1 && index < offset; index = text2.indexOf("\n", index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
function encodingLabel(encoding) {
  return encoding === "macintosh" ? "Mac Roman" : encoding === "windows-1252" ? "Windows-1252" : "Latin-1";
}
function resolveDialect(asked) {
  if (typeof asked !== "string") return asked;
  const found = dialects[asked];
  if (!found) throw new TypeError(`deckdown: unknown dialect \`${asked}\` (known: ${Object.keys(dialects).join(", ")})`);
  return found;
}
function fileDeckName(path, tree) {
  const stem = stemOf(path);
  if (!/^(?:readme|index)$/i.test(stem)) return { name: stem };
  const heading = tree.children.find((node) => node.type === "heading" && node.depth === 1);
  if (heading) {
    const level = levelHeading(heading);
    if (level.title) return { name: level.title, heading };
  }
  const folder = basename(dirname(path));
  return { name: folder && folder !== "." ? folder : stem };
}
function stemOf(path) {
  const name = basename(path);
  return name.slice(0, name.length - extname(name).length) || "deckdown";
}

// src/isolation.ts
function parseIsolated(file, options) {
  try {
    return parse(file, options);
  } catch (error) {
    reportInternalError(file, "parsing", error);
    return { tree: { type: "root", children: [], data: { files: [file.path ?? ""] } }, file };
  }
}
function reportInternalError(file, stage, error) {
  return report(
    file,
    "internal-error",
    `Unexpected failure while ${stage} this file (${describe(error)}); it is not built. Please report it with this file`,
    { line: 1, column: 1 }
  );
}
function describe(error) {
  if (error instanceof Error) return error.message.split("\n")[0] || error.name;
  return String(error);
}

// src/render/index.ts
import { toText as hastToText } from "hast-util-to-text";
import { gfmToMarkdown } from "mdast-util-gfm";
import { mathToMarkdown } from "mdast-util-math";
import { toMarkdown as mdastToMarkdown } from "mdast-util-to-markdown";
import rehypeRaw from "rehype-raw";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkRehype from "remark-rehype";
import { unified as unified2 } from "unified";
import { visit as visit5 } from "unist-util-visit";

// src/render/media.ts
import { toText } from "hast-util-to-text";

// src/media/remote.ts
function isRemote(src) {
  return /^[a-z][a-z\d+.-]+:/i.test(src) || src.startsWith("//");
}

// src/media/kind.ts
var audioExtensions = ["mp3", "ogg", "oga", "opus", "wav", "flac", "m4a", "aac"];
var videoExtensions = ["webm", "mp4", "mkv", "mov"];
function extensionOf(path) {
  const clean = path.replace(/[?#].*$/, "");
  const base = clean.slice(clean.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}
function playableKindOfName(path) {
  const extension = extensionOf(path);
  if (audioExtensions.includes(extension)) return "audio";
  if (videoExtensions.includes(extension)) return "video";
  return void 0;
}

// src/render/media.ts
function normalizeMedia(tree) {
  walk(tree);
  return tree;
}
function mediaElements(tree) {
  const found = [];
  const visit6 = (node) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      const kind = elementKind(child);
      if (kind) {
        const src = stringProperty(child, "src");
        if (kind !== "image" || src !== "") found.push({ element: child, src, kind, label: labelOf2(child) });
        continue;
      }
      visit6(child);
    }
  };
  visit6(tree);
  return found;
}
function elementKind(element) {
  if (element.tagName === "img") return "image";
  if (element.tagName === "audio" || element.tagName === "video") return element.tagName;
  return void 0;
}
function labelOf2(element) {
  return stringProperty(element, element.tagName === "img" ? "alt" : "ariaLabel").trim();
}
function playableElement(kind, src, label, extra) {
  const properties = { controls: true, ...extra };
  if (src) properties["src"] = src;
  if (label) properties["ariaLabel"] = label;
  return { type: "element", tagName: kind, properties, children: [] };
}
function walk(parent) {
  parent.children = parent.children.map((child) => {
    if (child.type !== "element") return child;
    const replacement = normalize(child);
    if (replacement !== child) return replacement;
    walk(child);
    return child;
  });
}
function normalize(element) {
  if (element.tagName === "img") {
    const src = stringProperty(element, "src");
    const kind = playableKindOfName(src);
    return kind ? withPosition(playableElement(kind, src, stringProperty(element, "alt").trim()), element) : element;
  }
  if (element.tagName === "a") {
    const href = stringProperty(element, "href");
    const kind = playableKindOfName(href);
    if (!kind || isRemote(href) || href.startsWith("#")) return element;
    return withPosition(playableElement(kind, href, toText(element).trim()), element);
  }
  if (element.tagName === "audio" || element.tagName === "video") {
    const src = stringProperty(element, "src") || firstSource(element.children);
    const kept = {};
    for (const name of ["loop", "muted"]) if (element.properties[name] !== void 0) kept[name] = element.properties[name];
    return withPosition(playableElement(element.tagName, src, stringProperty(element, "ariaLabel").trim(), kept), element);
  }
  return element;
}
function firstSource(children) {
  for (const child of children) {
    if (child.type === "element" && child.tagName === "source") {
      const src = stringProperty(child, "src");
      if (src) return src;
    }
  }
  return "";
}
function withPosition(element, from) {
  if (from.position) element.position = from.position;
  return element;
}
function stringProperty(element, name) {
  const value = element.properties[name];
  return typeof value === "string" ? value : "";
}

// src/render/sanitize.ts
import { defaultSchema } from "hast-util-sanitize";
var sanitizeSchema = {
  ...defaultSchema,
  // Sound and video play in Anki's card and in print HTML's screen view.
  // No `autoplay` (a card that shouts), no `poster` (a fetch): just the file.
  tagNames: [...defaultSchema.tagNames ?? [], "audio", "video"],
  attributes: {
    ...defaultSchema.attributes,
    // Keep the language class on code so highlighters and CSS can see it.
    code: [...defaultSchema.attributes?.["code"] ?? [], ["className", /^language-[\w+#.-]+$/]],
    // Math is marked up by deckdown's own handlers (render/index.ts); emitters
    // find it by these classes (Anki keeps the \(…\) text for MathJax, print
    // HTML renders it with KaTeX).
    // `$$…$$` inside a paragraph is display math in a span (a div cannot sit in a <p>).
    span: [...defaultSchema.attributes?.["span"] ?? [], ["className", "math", "math-inline", "math-display", "cloze"], "dataCloze", "dataHint"],
    div: [...defaultSchema.attributes?.["div"] ?? [], ["className", "math", "math-display"]],
    audio: ["src", "controls", "loop", "muted"],
    video: ["src", "controls", "loop", "muted"],
    source: [...defaultSchema.attributes?.["source"] ?? [], "src", "type"]
  }
};

// src/render/index.ts
var singleInlineMath = mathToMarkdown().handlers?.["inlineMath"];
var displayInlineMath = mathToMarkdown({ singleDollarTextMath: false }).handlers?.["inlineMath"];
var markdownOptions = {
  bullet: "-",
  fences: true,
  extensions: [gfmToMarkdown(), mathToMarkdown()],
  handlers: {
    // Clozes go back to Anki's own syntax, the one people write.
    // Display math inside a paragraph goes back as written (`$$…$$`).
    inlineMath(node, parent, state, info) {
      return (node.data?.display === true ? displayInlineMath : singleInlineMath)(node, parent, state, info);
    },
    cloze(node, _parent, state, info) {
      const inner = state.containerPhrasing(node, { ...info, before: "::", after: "}" });
      return `{{c${node.number}::${inner}${node.hint === null ? "" : `::${node.hint}`}}}`;
    }
  }
};
var mathHandlers = {
  inlineMath(state, node) {
    const display = node.data?.display === true;
    const result = {
      type: "element",
      tagName: "span",
      properties: { className: ["math", display ? "math-display" : "math-inline"] },
      children: [{ type: "text", value: display ? `\\[${node.value}\\]` : `\\(${node.value}\\)` }]
    };
    state.patch(node, result);
    return result;
  },
  cloze(state, node) {
    const properties = { className: ["cloze"], dataCloze: String(node.number) };
    if (node.hint !== null) properties["dataHint"] = node.hint;
    const result = { type: "element", tagName: "span", properties, children: state.all(node) };
    state.patch(node, result);
    return result;
  },
  math(state, node) {
    const result = { type: "element", tagName: "div", properties: { className: ["math", "math-display"] }, children: [{ type: "text", value: `\\[${node.value}\\]` }] };
    state.patch(node, result);
    return result;
  }
};
var processor = unified2().use(remarkRehype, { allowDangerousHtml: true, handlers: mathHandlers }).use(rehypeRaw).use(rehypeSanitize, sanitizeSchema).use(() => normalizeMedia).use(rehypeStringify).freeze();
var plainProcessor = unified2().use(remarkRehype, { handlers: mathHandlers }).use(rehypeSanitize, sanitizeSchema).use(() => normalizeMedia).use(rehypeStringify).freeze();
function toHast(field) {
  if (!hasRawHtml(field)) return plainProcessor.runSync(field);
  const tree = structuredClone(field);
  visit5(tree, (node) => void (node.position && !hasOffsets(node.position) && delete node.position));
  return processor.runSync(tree);
}
function toMarkdown(field) {
  return mdastToMarkdown(field, markdownOptions).trim();
}
function createRenderer() {
  const cache2 = /* @__PURE__ */ new WeakMap();
  const entry = (field) => {
    let found = cache2.get(field);
    if (!found) {
      found = {};
      cache2.set(field, found);
    }
    return found;
  };
  const tree = (field) => {
    const cached = entry(field);
    cached.tree ??= toHast(field);
    return cached.tree;
  };
  const html = (field) => {
    const cached = entry(field);
    cached.html ??= stringifyHast(tree(field));
    return cached.html;
  };
  const text2 = (field) => {
    const cached = entry(field);
    cached.text ??= hastToText(tree(field)).trim();
    return cached.text;
  };
  const markdown = (field) => {
    const cached = entry(field);
    cached.markdown ??= toMarkdown(field);
    return cached.markdown;
  };
  const hast = (field) => {
    const cached = entry(field);
    if (cached.handedOut) return cached.tree ? structuredClone(cached.tree) : toHast(field);
    const rendered = cached.tree ?? toHast(field);
    cached.handedOut = true;
    cached.tree = void 0;
    return rendered;
  };
  return {
    hast,
    html,
    text: text2,
    markdown,
    field: (field) => ({ markdown: markdown(field), html: html(field), text: text2(field) })
  };
}
function hasOffsets(position) {
  return position.start.offset !== void 0 && position.end.offset !== void 0;
}
function hasRawHtml(node) {
  if (node.type === "html") return true;
  if (node.children) {
    for (const child of node.children) if (hasRawHtml(child)) return true;
  }
  return false;
}
function stringifyHast(tree) {
  return processor.stringify(tree);
}

// src/pipeline/messages.ts
import { VFile as VFile4 } from "vfile";
function toMessageRecords(file) {
  return file.messages.map((message) => ({
    reason: message.reason,
    ruleId: message.ruleId,
    source: message.source,
    fatal: message.fatal ?? void 0,
    place: message.place ? structuredClone(message.place) : void 0,
    note: message.note
  }));
}

// src/emit/apkg/fields.ts
import { toHtml } from "hast-util-to-html";

// src/render/highlight.ts
import { common, createLowlight } from "lowlight";
var highlightClassPrefix = "hljs-";
var engine;
function lowlight() {
  engine ??= createLowlight(common);
  return engine;
}
function highlight3(tree) {
  visitElements(tree, (element) => {
    if (element.tagName !== "code") return;
    const language = languageOf(element);
    if (language === void 0) return;
    try {
      const engine2 = lowlight();
      if (!engine2.registered(language)) return;
      const result = engine2.highlight(language, textContent(element), { prefix: highlightClassPrefix });
      element.children = result.children;
      const classes = classList(element);
      if (!classes.includes("hljs")) element.properties["className"] = [...classes, "hljs"];
    } catch {
    }
  });
  return tree;
}
function languageOf(element) {
  for (const name of classList(element)) {
    if (name.startsWith("language-") && name.length > "language-".length) {
      return name.slice("language-".length).toLowerCase();
    }
  }
  return void 0;
}
function classList(element) {
  const value = element.properties["className"];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") return value.split(/\s+/).filter(Boolean);
  return [];
}
function textContent(node) {
  if (node.type === "text") return node.value;
  if (node.type === "element" || node.type === "root") {
    return node.children.map((child) => textContent(child)).join("");
  }
  return "";
}
function visitElements(node, visit6) {
  for (const child of node.children) {
    if (child.type === "element") {
      visit6(child);
      if (!(child.tagName === "code" && classList(child).includes("hljs"))) visitElements(child, visit6);
    }
  }
}

// src/emit/apkg/choices.ts
var multipleAnswersNote = "(choose all that apply)";
function choiceLabel(choice, index) {
  if (choice.label !== null && choice.label.trim() !== "") return choice.label.trim();
  let label = "";
  let rest = index;
  do {
    label = String.fromCharCode(65 + rest % 26) + label;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return label;
}
function choicesTree(choices, render) {
  if (!choices || choices.length === 0) return void 0;
  const items = choices.map((choice, index) => {
    const option = highlight3(render.hast(choice.content));
    const item = {
      type: "element",
      tagName: "li",
      properties: { className: choice.correct ? ["dd-choice", "dd-correct"] : ["dd-choice"] },
      children: [
        { type: "element", tagName: "span", properties: { className: ["dd-label"] }, children: [{ type: "text", value: choiceLabel(choice, index) }] },
        { type: "element", tagName: "div", properties: { className: ["dd-option"] }, children: option.children }
      ]
    };
    return item;
  });
  const list = { type: "element", tagName: "ol", properties: { className: ["dd-choices"] }, children: items };
  const children = [];
  if (choices.filter((choice) => choice.correct).length > 1) {
    children.push({ type: "element", tagName: "p", properties: { className: ["dd-multi"] }, children: [{ type: "text", value: multipleAnswersNote }] });
  }
  children.push(list);
  return { type: "root", children };
}

// src/emit/apkg/cloze.ts
function toAnkiClozeTree(tree) {
  highlightKeepingClozes(tree);
  tree.children = convertChildren(tree.children);
  return tree;
}
function highlightKeepingClozes(tree) {
  const held = [];
  const visit6 = (nodes) => {
    for (const node of nodes) {
      if (node.type !== "element" || isClozeSpan(node)) continue;
      if (node.tagName === "code" && languageOf(node) !== void 0) {
        const { text: text2, markers } = splitMarkers(textOf(node));
        if (markers.size > 0) {
          node.children = [{ type: "text", value: text2 }];
          held.push({ code: node, markers });
        }
        continue;
      }
      visit6(node.children);
    }
  };
  visit6(tree.children);
  highlight3(tree);
  for (const { code, markers } of held) {
    for (const offset of [...markers.keys()].sort((a, b) => b - a)) {
      const [left, right] = splitAt(code.children, offset);
      code.children = [...left, { type: "text", value: markers.get(offset) ?? "" }, ...right];
    }
  }
  return tree;
}
var tokenPattern = /\{\{c([\d,]+)::|\}\}/g;
function tokenize(text2) {
  const tokens = [];
  tokenPattern.lastIndex = 0;
  for (let match = tokenPattern.exec(text2); match; match = tokenPattern.exec(text2)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[1] === void 0) {
      tokens.push({ type: "close", start, end });
      continue;
    }
    const numbers = [...new Set(match[1].split(",").filter(Boolean).map(Number))].sort((a, b) => a - b);
    if (numbers.length > 0) tokens.push({ type: "open", numbers, start, end });
    else tokenPattern.lastIndex = start + 1;
  }
  return tokens;
}
function splitMarkers(source) {
  const markers = /* @__PURE__ */ new Map();
  let text2 = "";
  let depth = 0;
  let at = 0;
  const mark = (value) => markers.set(text2.length, (markers.get(text2.length) ?? "") + value);
  const keep = (segment) => {
    const hint2 = depth > 0 ? segment.indexOf("::") : -1;
    if (hint2 === -1) {
      text2 += segment;
      return;
    }
    text2 += segment.slice(0, hint2);
    mark(segment.slice(hint2));
  };
  for (const token of tokenize(source)) {
    keep(source.slice(at, token.start));
    mark(source.slice(token.start, token.end));
    if (token.type === "open") depth++;
    else depth = Math.max(0, depth - 1);
    at = token.end;
  }
  keep(source.slice(at));
  return { text: text2, markers };
}
function splitAt(nodes, offset) {
  const left = [];
  const right = [];
  let position = 0;
  for (const node of nodes) {
    const length = textOf(node).length;
    if (position + length <= offset) left.push(node);
    else if (position >= offset) right.push(node);
    else if (node.type === "text") {
      left.push({ type: "text", value: node.value.slice(0, offset - position) });
      right.push({ type: "text", value: node.value.slice(offset - position) });
    } else if (node.type === "element") {
      const [inner, outer] = splitAt(node.children, offset - position);
      if (inner.length > 0) left.push({ ...node, children: inner });
      if (outer.length > 0) right.push({ ...node, children: outer });
    }
    position += length;
  }
  return [left, right];
}
function isClozeSpan(node) {
  if (node.tagName !== "span") return false;
  const classes = node.properties["className"];
  const number = node.properties["dataCloze"];
  return Array.isArray(classes) && classes.includes("cloze") && number !== void 0 && /^\d+$/.test(String(number));
}
function isMath(node) {
  const classes = node.properties["className"];
  return Array.isArray(classes) && classes.includes("math");
}
function convertChildren(nodes) {
  return nodes.flatMap((node) => {
    if (node.type !== "element") return [node];
    if (isClozeSpan(node)) return clozeToAnki(node);
    node.children = convertChildren(node.children);
    return [node];
  });
}
function clozeToAnki(span) {
  const number = String(span.properties["dataCloze"]);
  const hint2 = span.properties["dataHint"];
  const content = safeContent(span.children, false);
  if (endsWithBreakable(content)) content.push(comment2());
  const close = [text("}}")];
  if (typeof hint2 === "string" && hint2 !== "") {
    const safeHint = breakRuns(hint2, false);
    if (endsWithBreakable(safeHint)) safeHint.push(comment2());
    close.unshift(text("::"), ...safeHint);
  }
  return [text(`{{c${number}::`), ...content, ...close];
}
function safeContent(nodes, inMath) {
  const result = [];
  for (const node of joinTexts(nodes)) {
    if (node.type === "text") result.push(...breakRuns(node.value, inMath));
    else if (node.type === "element" && isClozeSpan(node)) result.push(...clozeToAnki(node));
    else if (node.type === "element") {
      for (const name of ["alt", "title"]) {
        const value = node.properties[name];
        if (typeof value === "string") node.properties[name] = value.replace(/\}(?=\})/g, "} ").replace(/:(?=:)/g, ": ");
      }
      node.children = safeContent(node.children, inMath || isMath(node));
      result.push(node);
    } else result.push(node);
  }
  return result;
}
function breakRuns(value, inMath) {
  if (inMath) return [text(value.replace(/\}(?=\})/g, "} ").replace(/:(?=:)/g, ": "))];
  const parts = [];
  let start = 0;
  for (let index = 0; index + 1 < value.length; index++) {
    const character = value.charAt(index);
    if ((character === "}" || character === ":") && value.charAt(index + 1) === character) {
      parts.push(text(value.slice(start, index + 1)), comment2());
      start = index + 1;
    }
  }
  parts.push(text(value.slice(start)));
  return parts.filter((part2) => part2.type !== "text" || part2.value !== "");
}
function endsWithBreakable(nodes) {
  const last = nodes.at(-1);
  return last?.type === "text" && /[}:]$/.test(last.value);
}
function joinTexts(nodes) {
  const result = [];
  for (const node of nodes) {
    const previous = result.at(-1);
    if (node.type === "text" && previous?.type === "text") result[result.length - 1] = text(previous.value + node.value);
    else result.push(node);
  }
  return result;
}
function textOf(node) {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map((child) => textOf(child)).join("");
  return "";
}
function text(value) {
  return { type: "text", value };
}
function comment2() {
  return { type: "comment", value: " " };
}

// src/emit/apkg/fields.ts
function prepareFields(question, render) {
  const trees = {};
  const contents = [
    ["prompt", question.prompt],
    ["answer", question.answer],
    ["example", question.example],
    ["extra", question.extra]
  ];
  for (const [name, content] of contents) {
    if (!content) continue;
    trees[name] = name === "prompt" && question.kind === "cloze" ? toAnkiClozeTree(render.hast(content)) : highlight3(render.hast(content));
  }
  const choices = choicesTree(question.choices, render);
  if (choices) trees.choices = choices;
  return { question, trees };
}
function mediaReferences(prepared) {
  return Object.values(prepared.trees).flatMap(
    (tree) => mediaElements(tree).map(({ element, src, kind }) => ({ src, kind, position: element.position }))
  );
}
function fieldHtmlFromTree(tree) {
  return tree ? normalizeFieldText(hastToFieldHtml(tree)) : "";
}
function hastToFieldHtml(tree) {
  return toHtml(tree, { characterReferences: { useNamedReferences: true } });
}
function normalizeFieldText(text2) {
  return text2.normalize("NFC").replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
}

// src/pipeline/prepared.ts
function prepareFieldHtml(question, render) {
  const entry = prepareFields(question, render);
  if (mediaReferences(entry).length > 0) return null;
  const html = {};
  for (const [source, tree] of Object.entries(entry.trees)) {
    html[source] = fieldHtmlFromTree(tree);
  }
  return html;
}

// src/pipeline/job.ts
function runFileJob(job) {
  const parsed = parseIsolated(new VFile5({ path: job.path, value: job.value }), job.options);
  const file = parsed.file;
  let tree = parsed.tree;
  const fields = [];
  if (job.prepareNotes) {
    try {
      const render = createRenderer();
      for (const section of tree.children) {
        for (const question of section.children) {
          const html = prepareFieldHtml(question, render);
          fields.push(html);
          if (html && job.lean) dropFieldContents(question);
        }
      }
    } catch (error) {
      reportInternalError(file, "rendering", error);
      tree = { type: "root", children: [], data: { files: [job.path] } };
      fields.length = 0;
    }
  }
  const text2 = typeof file.value === "string" && !job.lean ? file.value : void 0;
  return { path: job.path, text: text2, tree, messages: toMessageRecords(file), fields };
}
var empty = () => ({ type: "root", children: [] });
function dropFieldContents(question) {
  question.prompt = empty();
  question.answer = empty();
  question.example = null;
  question.extra = null;
  question.choices = question.choices && question.choices.map((choice) => ({ ...choice, content: empty() }));
}
export {
  runFileJob
};
