import { createRequire as __kubeLintCreateRequire } from 'node:module';
const require = __kubeLintCreateRequire(import.meta.url);
import {
  __commonJS,
  __toESM
} from "./chunk-IEEG3BDI.js";

// node_modules/fastest-levenshtein/mod.js
var require_mod = __commonJS({
  "node_modules/fastest-levenshtein/mod.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.distance = exports.closest = void 0;
    var peq = new Uint32Array(65536);
    var myers_32 = function(a, b) {
      var n = a.length;
      var m = b.length;
      var lst = 1 << n - 1;
      var pv = -1;
      var mv = 0;
      var sc = n;
      var i = n;
      while (i--) {
        peq[a.charCodeAt(i)] |= 1 << i;
      }
      for (i = 0; i < m; i++) {
        var eq = peq[b.charCodeAt(i)];
        var xv = eq | mv;
        eq |= (eq & pv) + pv ^ pv;
        mv |= ~(eq | pv);
        pv &= eq;
        if (mv & lst) {
          sc++;
        }
        if (pv & lst) {
          sc--;
        }
        mv = mv << 1 | 1;
        pv = pv << 1 | ~(xv | mv);
        mv &= xv;
      }
      i = n;
      while (i--) {
        peq[a.charCodeAt(i)] = 0;
      }
      return sc;
    };
    var myers_x = function(b, a) {
      var n = a.length;
      var m = b.length;
      var mhc = [];
      var phc = [];
      var hsize = Math.ceil(n / 32);
      var vsize = Math.ceil(m / 32);
      for (var i = 0; i < hsize; i++) {
        phc[i] = -1;
        mhc[i] = 0;
      }
      var j = 0;
      for (; j < vsize - 1; j++) {
        var mv_1 = 0;
        var pv_1 = -1;
        var start_1 = j * 32;
        var vlen_1 = Math.min(32, m) + start_1;
        for (var k = start_1; k < vlen_1; k++) {
          peq[b.charCodeAt(k)] |= 1 << k;
        }
        for (var i = 0; i < n; i++) {
          var eq = peq[a.charCodeAt(i)];
          var pb = phc[i / 32 | 0] >>> i & 1;
          var mb = mhc[i / 32 | 0] >>> i & 1;
          var xv = eq | mv_1;
          var xh = ((eq | mb) & pv_1) + pv_1 ^ pv_1 | eq | mb;
          var ph = mv_1 | ~(xh | pv_1);
          var mh = pv_1 & xh;
          if (ph >>> 31 ^ pb) {
            phc[i / 32 | 0] ^= 1 << i;
          }
          if (mh >>> 31 ^ mb) {
            mhc[i / 32 | 0] ^= 1 << i;
          }
          ph = ph << 1 | pb;
          mh = mh << 1 | mb;
          pv_1 = mh | ~(xv | ph);
          mv_1 = ph & xv;
        }
        for (var k = start_1; k < vlen_1; k++) {
          peq[b.charCodeAt(k)] = 0;
        }
      }
      var mv = 0;
      var pv = -1;
      var start = j * 32;
      var vlen = Math.min(32, m - start) + start;
      for (var k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] |= 1 << k;
      }
      var score = m;
      for (var i = 0; i < n; i++) {
        var eq = peq[a.charCodeAt(i)];
        var pb = phc[i / 32 | 0] >>> i & 1;
        var mb = mhc[i / 32 | 0] >>> i & 1;
        var xv = eq | mv;
        var xh = ((eq | mb) & pv) + pv ^ pv | eq | mb;
        var ph = mv | ~(xh | pv);
        var mh = pv & xh;
        score += ph >>> m - 1 & 1;
        score -= mh >>> m - 1 & 1;
        if (ph >>> 31 ^ pb) {
          phc[i / 32 | 0] ^= 1 << i;
        }
        if (mh >>> 31 ^ mb) {
          mhc[i / 32 | 0] ^= 1 << i;
        }
        ph = ph << 1 | pb;
        mh = mh << 1 | mb;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
      }
      for (var k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] = 0;
      }
      return score;
    };
    var distance4 = function(a, b) {
      if (a.length < b.length) {
        var tmp = b;
        b = a;
        a = tmp;
      }
      if (b.length === 0) {
        return a.length;
      }
      if (a.length <= 32) {
        return myers_32(a, b);
      }
      return myers_x(a, b);
    };
    exports.distance = distance4;
    var closest3 = function(str3, arr) {
      var min_distance = Infinity;
      var min_index = 0;
      for (var i = 0; i < arr.length; i++) {
        var dist = distance4(str3, arr[i]);
        if (dist < min_distance) {
          min_distance = dist;
          min_index = i;
        }
      }
      return arr[min_index];
    };
    exports.closest = closest3;
  }
});

// node_modules/fast-deep-equal/index.js
var require_fast_deep_equal = __commonJS({
  "node_modules/fast-deep-equal/index.js"(exports, module) {
    "use strict";
    module.exports = function equal(a, b) {
      if (a === b) return true;
      if (a && b && typeof a == "object" && typeof b == "object") {
        if (a.constructor !== b.constructor) return false;
        var length, i, keys;
        if (Array.isArray(a)) {
          length = a.length;
          if (length != b.length) return false;
          for (i = length; i-- !== 0; )
            if (!equal(a[i], b[i])) return false;
          return true;
        }
        if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
        if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
        if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();
        keys = Object.keys(a);
        length = keys.length;
        if (length !== Object.keys(b).length) return false;
        for (i = length; i-- !== 0; )
          if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;
        for (i = length; i-- !== 0; ) {
          var key3 = keys[i];
          if (!equal(a[key3], b[key3])) return false;
        }
        return true;
      }
      return a !== a && b !== b;
    };
  }
});

// node_modules/ajv/dist/runtime/equal.js
var require_equal = __commonJS({
  "node_modules/ajv/dist/runtime/equal.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var equal = require_fast_deep_equal();
    equal.code = 'require("ajv/dist/runtime/equal").default';
    exports.default = equal;
  }
});

// node_modules/ajv/dist/runtime/ucs2length.js
var require_ucs2length = __commonJS({
  "node_modules/ajv/dist/runtime/ucs2length.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    function ucs2length(str3) {
      const len = str3.length;
      let length = 0;
      let pos = 0;
      let value;
      while (pos < len) {
        length++;
        value = str3.charCodeAt(pos++);
        if (value >= 55296 && value <= 56319 && pos < len) {
          value = str3.charCodeAt(pos);
          if ((value & 64512) === 56320)
            pos++;
        }
      }
      return length;
    }
    exports.default = ucs2length;
    ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
  }
});

// node_modules/fast-uri/lib/utils.js
var require_utils = __commonJS({
  "node_modules/fast-uri/lib/utils.js"(exports, module) {
    "use strict";
    var isUUID = RegExp.prototype.test.bind(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/iu);
    var isIPv4 = RegExp.prototype.test.bind(/^(?:(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)$/u);
    var isPort = RegExp.prototype.test.bind(/^\d*$/u);
    var isHexPair = RegExp.prototype.test.bind(/^[\da-f]{2}$/iu);
    var isUnreserved = RegExp.prototype.test.bind(/^[\da-z\-._~]$/iu);
    var isPathCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/u);
    var isQueryFragmentCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/u);
    var isUserinfoCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:]$/u);
    var BYTE_HEX = new Array(256);
    {
      const HEX_DIGITS = "0123456789ABCDEF";
      for (let i = 0; i < 256; i++) {
        BYTE_HEX[i] = "%" + HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15];
      }
    }
    function percentEncodeNonAscii(cp) {
      if (cp < 2048) {
        return BYTE_HEX[192 | cp >> 6] + BYTE_HEX[128 | cp & 63];
      }
      if (cp < 65536) {
        return BYTE_HEX[224 | cp >> 12] + BYTE_HEX[128 | cp >> 6 & 63] + BYTE_HEX[128 | cp & 63];
      }
      return BYTE_HEX[240 | cp >> 18] + BYTE_HEX[128 | cp >> 12 & 63] + BYTE_HEX[128 | cp >> 6 & 63] + BYTE_HEX[128 | cp & 63];
    }
    function stringArrayToHexStripped(input) {
      let acc = "";
      let code = 0;
      let i = 0;
      for (i = 0; i < input.length; i++) {
        code = input[i].charCodeAt(0);
        if (code === 48) {
          continue;
        }
        if (!(code >= 48 && code <= 57 || code >= 65 && code <= 70 || code >= 97 && code <= 102)) {
          return "";
        }
        acc += input[i];
        break;
      }
      for (i += 1; i < input.length; i++) {
        code = input[i].charCodeAt(0);
        if (!(code >= 48 && code <= 57 || code >= 65 && code <= 70 || code >= 97 && code <= 102)) {
          return "";
        }
        acc += input[i];
      }
      return acc;
    }
    var isHextet = RegExp.prototype.test.bind(/^[\dA-Fa-f]{1,4}$/);
    var isIPvFuture = RegExp.prototype.test.bind(/^[vV][\dA-Fa-f]+\.[A-Za-z\d\-._~!$&'()*+,;=:]+$/);
    var isZoneCharacter = RegExp.prototype.test.bind(/^[A-Za-z\d\-._~]$/);
    var nonSimpleDomain = RegExp.prototype.test.bind(/[^!"$&'()*+,\-.;=_`a-z{}~]/u);
    function isZoneIdentifier(zone) {
      if (zone.length === 0) return false;
      for (let i = 0; i < zone.length; i++) {
        if (isZoneCharacter(zone[i])) continue;
        if (zone[i] === "%" && i + 2 < zone.length && isHexPair(zone.slice(i + 1, i + 3))) {
          i += 2;
          continue;
        }
        return false;
      }
      return true;
    }
    function compressIPv6ZeroRun(hextets) {
      let bestStart = -1;
      let bestLength = 0;
      let runStart = -1;
      let runLength = 0;
      for (let i = 0; i < hextets.length; i++) {
        if (hextets[i] === "0") {
          if (runStart === -1) runStart = i;
          runLength++;
          if (runLength > bestLength) {
            bestLength = runLength;
            bestStart = runStart;
          }
        } else {
          runStart = -1;
          runLength = 0;
        }
      }
      if (bestLength < 2) return hextets.join(":");
      const head = hextets.slice(0, bestStart).join(":");
      const tail = hextets.slice(bestStart + bestLength).join(":");
      return head + "::" + tail;
    }
    function normalizeIPv6Address(input) {
      const compression = input.indexOf("::");
      if (compression !== -1 && input.indexOf("::", compression + 1) !== -1) return void 0;
      const left = compression === -1 ? input.split(":") : input.slice(0, compression).split(":");
      const right = compression === -1 ? [] : input.slice(compression + 2).split(":");
      if (compression !== -1) {
        if (left.length === 1 && left[0] === "") left.length = 0;
        if (right.length === 1 && right[0] === "") right.length = 0;
      }
      const parts = left.concat(right);
      let hextetCount = 0;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (part === "") return void 0;
        if (part.indexOf(".") !== -1) {
          if (i !== parts.length - 1 || compression !== -1 && right.length === 0 || !isIPv4(part)) return void 0;
          hextetCount += 2;
          continue;
        }
        if (!isHextet(part)) return void 0;
        parts[i] = parseInt(part, 16).toString(16);
        hextetCount++;
      }
      if (compression === -1) {
        if (hextetCount !== 8) return void 0;
        return compressIPv6ZeroRun(parts);
      }
      if (hextetCount >= 8) return void 0;
      const expanded = parts.slice(0, left.length);
      for (let i = hextetCount; i < 8; i++) expanded.push("0");
      for (let i = left.length; i < parts.length; i++) expanded.push(parts[i]);
      return compressIPv6ZeroRun(expanded);
    }
    function normalizeIPv6(host) {
      const bracketed = host[0] === "[" && host[host.length - 1] === "]";
      const hasBracket = host[0] === "[" || host[host.length - 1] === "]";
      if (hasBracket && !bracketed) return { host, isIPV6: false, error: true };
      let input = bracketed ? host.slice(1, -1) : host;
      if (bracketed && isIPvFuture(input)) {
        input = input.toLowerCase();
        return { host: `[${input}]`, escapedHost: input, isIPV6: false, isIPVFuture: true };
      }
      if (findToken(input, ":") < 2) {
        return { host, isIPV6: false, error: bracketed };
      }
      let zoneIdentifier = "";
      const zoneSeparator = input.indexOf("%");
      if (zoneSeparator !== -1) {
        const separatorLength = input.slice(zoneSeparator, zoneSeparator + 3).toLowerCase() === "%25" ? 3 : 1;
        zoneIdentifier = input.slice(zoneSeparator + separatorLength);
        if (!isZoneIdentifier(zoneIdentifier)) return { host, isIPV6: false, error: true };
        input = input.slice(0, zoneSeparator);
      }
      const address = normalizeIPv6Address(input);
      if (address === void 0) return { host, isIPV6: false, error: true };
      return {
        host: address + (zoneIdentifier ? "%" + zoneIdentifier : ""),
        escapedHost: address + (zoneIdentifier ? "%25" + zoneIdentifier : ""),
        isIPV6: true
      };
    }
    function findToken(str3, token) {
      let ind = 0;
      for (let i = 0; i < str3.length; i++) {
        if (str3[i] === token) ind++;
      }
      return ind;
    }
    function removeDotSegments(path9) {
      let input = path9;
      const output = [];
      let nextSlash = -1;
      let len = 0;
      while (len = input.length) {
        if (len === 1) {
          if (input === ".") {
            break;
          } else if (input === "/") {
            output.push("/");
            break;
          } else {
            output.push(input);
            break;
          }
        } else if (len === 2) {
          if (input[0] === ".") {
            if (input[1] === ".") {
              break;
            } else if (input[1] === "/") {
              input = input.slice(2);
              continue;
            }
          } else if (input[0] === "/") {
            if (input[1] === "." || input[1] === "/") {
              output.push("/");
              break;
            }
          }
        } else if (len === 3) {
          if (input === "/..") {
            if (output.length !== 0) {
              output.pop();
            }
            output.push("/");
            break;
          }
        }
        if (input[0] === ".") {
          if (input[1] === ".") {
            if (input[2] === "/") {
              input = input.slice(3);
              continue;
            }
          } else if (input[1] === "/") {
            input = input.slice(2);
            continue;
          }
        } else if (input[0] === "/") {
          if (input[1] === ".") {
            if (input[2] === "/") {
              input = input.slice(2);
              continue;
            } else if (input[2] === ".") {
              if (input[3] === "/") {
                input = input.slice(3);
                if (output.length !== 0) {
                  output.pop();
                }
                continue;
              }
            }
          }
        }
        if ((nextSlash = input.indexOf("/", 1)) === -1) {
          output.push(input);
          break;
        } else {
          output.push(input.slice(0, nextSlash));
          input = input.slice(nextSlash);
        }
      }
      return output.join("");
    }
    function removeDotSegmentsRelative(path9) {
      if (path9 === "" || path9[0] === "/") {
        return removeDotSegments(path9);
      }
      const segments = path9.split("/");
      const last = segments.length - 1;
      const output = [];
      let trailingDirectory = false;
      for (let i = 0; i <= last; i++) {
        const segment = segments[i];
        if (segment === "." || segment === "..") {
          if (segment === "..") {
            if (output.length !== 0 && output[output.length - 1] !== "..") {
              output.pop();
            } else {
              output.push("..");
            }
          }
          trailingDirectory = i === last;
        } else {
          output.push(segment);
        }
      }
      if (trailingDirectory && output[output.length - 1] !== "..") {
        output.push("");
      }
      if (output.length === 0 || output[0] === "" || output[0].includes(":")) {
        output.unshift(".");
      }
      return output.join("/");
    }
    var HOST_DELIMS = { "@": "%40", "/": "%2F", "?": "%3F", "#": "%23", ":": "%3A" };
    var HOST_DELIM_RE = /[@/?#:]/g;
    var HOST_DELIM_NO_COLON_RE = /[@/?#]/g;
    function reescapeHostDelimiters(host, isIP3) {
      const re = isIP3 ? HOST_DELIM_NO_COLON_RE : HOST_DELIM_RE;
      re.lastIndex = 0;
      return host.replace(re, (ch) => HOST_DELIMS[ch]);
    }
    function normalizePercentEncoding(input, decodeUnreserved = false) {
      if (input.indexOf("%") === -1) {
        return input;
      }
      let output = "";
      for (let i = 0; i < input.length; i++) {
        if (input[i] === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (decodeUnreserved && isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        output += input[i];
      }
      return output;
    }
    function normalizePathEncoding(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (decoded !== "." && isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        if (isPathCharacter(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += isEscapeSafe(code) ? ch : BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function serializePathEncoding(input, pathNoScheme = false) {
      let output = "";
      let firstSegment = pathNoScheme && input[0] !== "/";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        if (ch === "/") {
          firstSegment = false;
        }
        if (isPathCharacter(ch) && (ch !== ":" || !firstSegment)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function encodeComponent(input, isAllowed) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        if (isAllowed(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function encodeUserinfo(input) {
      return encodeComponent(input, isUserinfoCharacter);
    }
    function encodeQuery(input) {
      return encodeComponent(input, isQueryFragmentCharacter);
    }
    function encodeFragment(input) {
      return encodeComponent(input, isQueryFragmentCharacter);
    }
    function isEscapeSafe(cp) {
      return cp >= 48 && cp <= 57 || cp >= 65 && cp <= 90 || cp >= 97 && cp <= 122 || cp === 42 || cp === 43 || cp === 45 || cp === 46 || cp === 47 || cp === 64 || cp === 95;
    }
    function normalizeQueryFragmentEncoding(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        if (isQueryFragmentCharacter(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += isEscapeSafe(code) ? ch : BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function escapePreservingEscapes(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        if (input[i] === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        output += escape(input[i]);
      }
      return output;
    }
    function recomposeAuthority(component) {
      const uriTokens = [];
      if (component.userinfo !== void 0) {
        uriTokens.push(encodeUserinfo(component.userinfo));
        uriTokens.push("@");
      }
      if (component.host !== void 0) {
        let host = component.host;
        if (!isIPv4(host)) {
          let ipV6res = normalizeIPv6(host);
          if (ipV6res.isIPV6 !== true && ipV6res.isIPVFuture !== true) {
            host = normalizePercentEncoding(host, true);
            ipV6res = normalizeIPv6(host);
          }
          if (ipV6res.isIPV6 === true || ipV6res.isIPVFuture === true) {
            host = `[${ipV6res.escapedHost}]`;
          } else {
            host = reescapeHostDelimiters(host, false);
          }
        }
        uriTokens.push(host);
      }
      if (typeof component.port === "number" || typeof component.port === "string") {
        const port2 = String(component.port);
        if (!isPort(port2)) {
          throw new TypeError("URI port is malformed.");
        }
        uriTokens.push(":");
        uriTokens.push(port2);
      }
      return uriTokens.length ? uriTokens.join("") : void 0;
    }
    module.exports = {
      nonSimpleDomain,
      recomposeAuthority,
      reescapeHostDelimiters,
      normalizePercentEncoding,
      normalizePathEncoding,
      serializePathEncoding,
      normalizeQueryFragmentEncoding,
      encodeUserinfo,
      encodeQuery,
      encodeFragment,
      escapePreservingEscapes,
      removeDotSegments,
      removeDotSegmentsRelative,
      isIPv4,
      isUUID,
      normalizeIPv6,
      stringArrayToHexStripped
    };
  }
});

// node_modules/fast-uri/lib/schemes.js
var require_schemes = __commonJS({
  "node_modules/fast-uri/lib/schemes.js"(exports, module) {
    "use strict";
    var { isUUID } = require_utils();
    var URN_REG = /^([\da-z][\d\-a-z]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/iu;
    var supportedSchemeNames = (
      /** @type {const} */
      [
        "http",
        "https",
        "ws",
        "wss",
        "urn",
        "urn:uuid"
      ]
    );
    function isValidSchemeName(name) {
      return supportedSchemeNames.indexOf(
        /** @type {*} */
        name
      ) !== -1;
    }
    function wsIsSecure(wsComponent) {
      if (wsComponent.secure === true) {
        return true;
      } else if (wsComponent.secure === false) {
        return false;
      } else if (wsComponent.scheme) {
        return wsComponent.scheme.length === 3 && (wsComponent.scheme[0] === "w" || wsComponent.scheme[0] === "W") && (wsComponent.scheme[1] === "s" || wsComponent.scheme[1] === "S") && (wsComponent.scheme[2] === "s" || wsComponent.scheme[2] === "S");
      } else {
        return false;
      }
    }
    function httpParse(component) {
      if (!component.host) {
        component.error = component.error || "HTTP URIs must have a host.";
      }
      return component;
    }
    function httpSerialize(component) {
      const secure = String(component.scheme).toLowerCase() === "https";
      if (component.port === (secure ? 443 : 80) || component.port === "") {
        component.port = void 0;
      }
      if (!component.path) {
        component.path = "/";
      }
      return component;
    }
    function wsParse(wsComponent) {
      wsComponent.secure = wsIsSecure(wsComponent);
      wsComponent.resourceName = (wsComponent.path || "/") + (wsComponent.query ? "?" + wsComponent.query : "");
      wsComponent.path = void 0;
      wsComponent.query = void 0;
      return wsComponent;
    }
    function wsSerialize(wsComponent) {
      if (wsComponent.port === (wsIsSecure(wsComponent) ? 443 : 80) || wsComponent.port === "") {
        wsComponent.port = void 0;
      }
      if (typeof wsComponent.secure === "boolean") {
        wsComponent.scheme = wsComponent.secure ? "wss" : "ws";
        wsComponent.secure = void 0;
      }
      if (wsComponent.resourceName) {
        const queryIndex = wsComponent.resourceName.indexOf("?");
        const path9 = queryIndex === -1 ? wsComponent.resourceName : wsComponent.resourceName.slice(0, queryIndex);
        wsComponent.path = path9 && path9 !== "/" ? path9 : void 0;
        wsComponent.query = queryIndex === -1 ? void 0 : wsComponent.resourceName.slice(queryIndex + 1);
        wsComponent.resourceName = void 0;
      }
      wsComponent.fragment = void 0;
      return wsComponent;
    }
    function urnParse(urnComponent, options) {
      if (!urnComponent.path) {
        urnComponent.error = "URN can not be parsed";
        return urnComponent;
      }
      const matches2 = urnComponent.path.match(URN_REG);
      if (matches2 && matches2[0] === urnComponent.path) {
        const scheme = options.scheme || urnComponent.scheme || "urn";
        urnComponent.nid = matches2[1].toLowerCase();
        urnComponent.nss = matches2[2];
        const urnScheme = `${scheme}:${options.nid || urnComponent.nid}`;
        const schemeHandler = getSchemeHandler(urnScheme);
        urnComponent.path = void 0;
        if (schemeHandler) {
          urnComponent = schemeHandler.parse(urnComponent, options);
        }
      } else {
        urnComponent.error = urnComponent.error || "URN can not be parsed.";
      }
      return urnComponent;
    }
    function urnSerialize(urnComponent, options) {
      if (urnComponent.nid === void 0) {
        throw new Error("URN without nid cannot be serialized");
      }
      const scheme = options.scheme || urnComponent.scheme || "urn";
      const nid = urnComponent.nid.toLowerCase();
      const urnScheme = `${scheme}:${options.nid || nid}`;
      const schemeHandler = getSchemeHandler(urnScheme);
      if (schemeHandler) {
        urnComponent = schemeHandler.serialize(urnComponent, options);
      }
      const uriComponent = urnComponent;
      const nss = urnComponent.nss;
      uriComponent.path = `${nid || options.nid}:${nss}`;
      options.skipEscape = true;
      return uriComponent;
    }
    function urnuuidParse(urnComponent, options) {
      const uuidComponent = urnComponent;
      uuidComponent.uuid = uuidComponent.nss;
      uuidComponent.nss = void 0;
      if (!options.tolerant && (!uuidComponent.uuid || !isUUID(uuidComponent.uuid))) {
        uuidComponent.error = uuidComponent.error || "UUID is not valid.";
      }
      return uuidComponent;
    }
    function urnuuidSerialize(uuidComponent) {
      const urnComponent = uuidComponent;
      urnComponent.nss = (uuidComponent.uuid || "").toLowerCase();
      return urnComponent;
    }
    var http = (
      /** @type {SchemeHandler} */
      {
        scheme: "http",
        domainHost: true,
        parse: httpParse,
        serialize: httpSerialize
      }
    );
    var https = (
      /** @type {SchemeHandler} */
      {
        scheme: "https",
        domainHost: http.domainHost,
        parse: httpParse,
        serialize: httpSerialize
      }
    );
    var ws = (
      /** @type {SchemeHandler} */
      {
        scheme: "ws",
        domainHost: true,
        parse: wsParse,
        serialize: wsSerialize
      }
    );
    var wss = (
      /** @type {SchemeHandler} */
      {
        scheme: "wss",
        domainHost: ws.domainHost,
        parse: ws.parse,
        serialize: ws.serialize
      }
    );
    var urn = (
      /** @type {SchemeHandler} */
      {
        scheme: "urn",
        parse: urnParse,
        serialize: urnSerialize,
        skipNormalize: true
      }
    );
    var urnuuid = (
      /** @type {SchemeHandler} */
      {
        scheme: "urn:uuid",
        parse: urnuuidParse,
        serialize: urnuuidSerialize,
        skipNormalize: true
      }
    );
    var SCHEMES = (
      /** @type {Record<SchemeName, SchemeHandler>} */
      {
        http,
        https,
        ws,
        wss,
        urn,
        "urn:uuid": urnuuid
      }
    );
    Object.setPrototypeOf(SCHEMES, null);
    function getSchemeHandler(scheme) {
      return scheme && (SCHEMES[
        /** @type {SchemeName} */
        scheme
      ] || SCHEMES[
        /** @type {SchemeName} */
        scheme.toLowerCase()
      ]) || void 0;
    }
    module.exports = {
      wsIsSecure,
      SCHEMES,
      isValidSchemeName,
      getSchemeHandler
    };
  }
});

// node_modules/fast-uri/index.js
var require_fast_uri = __commonJS({
  "node_modules/fast-uri/index.js"(exports, module) {
    "use strict";
    var { normalizeIPv6, removeDotSegments, removeDotSegmentsRelative, recomposeAuthority, normalizePercentEncoding, normalizePathEncoding, serializePathEncoding, normalizeQueryFragmentEncoding, encodeQuery, encodeFragment, reescapeHostDelimiters, isIPv4, nonSimpleDomain } = require_utils();
    var { SCHEMES, getSchemeHandler } = require_schemes();
    var VALID_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/u;
    var MALFORMED_SCHEME_ERROR = "URI scheme is malformed.";
    var MALFORMED_HOST_ERROR = "URI host is malformed.";
    var FORBIDDEN_DOMAIN_HOST_CHARACTER = /[\0-\x20"#/:<>?@[\\\]^`{|}\x7F]/u;
    function validateScheme(scheme) {
      const stringScheme = String(scheme);
      if (!VALID_SCHEME.test(stringScheme)) {
        throw new TypeError(MALFORMED_SCHEME_ERROR);
      }
      return stringScheme;
    }
    function normalize(uri, options) {
      if (typeof uri === "string") {
        uri = /** @type {T} */
        normalizeString(uri, options);
      } else if (typeof uri === "object") {
        uri = /** @type {T} */
        parse(serialize(uri, options), options);
      }
      return uri;
    }
    function resolve(baseURI, relativeURI, options) {
      const schemelessOptions = options ? Object.assign({ scheme: "null" }, options) : { scheme: "null" };
      const {
        parsed: baseParsed,
        malformedAuthorityOrPort: baseMalformed,
        malformedPercentEncoding: baseMalformedPercentEncoding,
        malformedSchemeSpecific: baseMalformedSchemeSpecific,
        malformedHost: baseMalformedHost,
        malformedScheme: baseMalformedScheme
      } = parseWithStatus(baseURI, schemelessOptions);
      const {
        parsed: relativeParsed,
        malformedAuthorityOrPort: relativeMalformed,
        malformedPercentEncoding: relativeMalformedPercentEncoding,
        malformedSchemeSpecific: relativeMalformedSchemeSpecific,
        malformedHost: relativeMalformedHost,
        malformedScheme: relativeMalformedScheme
      } = parseWithStatus(relativeURI, schemelessOptions);
      if (baseMalformed || relativeMalformed || baseMalformedPercentEncoding || relativeMalformedPercentEncoding || baseMalformedSchemeSpecific || relativeMalformedSchemeSpecific || baseMalformedHost || relativeMalformedHost || baseMalformedScheme || relativeMalformedScheme) {
        throw new Error(baseParsed.error || relativeParsed.error || "URI is malformed.");
      }
      const resolved = resolveComponent(baseParsed, relativeParsed, schemelessOptions, true);
      const resolvedSchemeHandler = getSchemeHandler(options && options.scheme || resolved.scheme);
      const resolvedHost = resolved.host;
      const resolvedHostIsIP = resolvedHost !== void 0 && resolvedHost !== "" && (isIPv4(resolvedHost) || normalizeIPv6(resolvedHost).isIPV6);
      if (hasForbiddenDomainHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP)) {
        throw new Error(MALFORMED_HOST_ERROR);
      }
      canonicalizeHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP);
      const encodedASCIIHost = resolvedHost && resolvedHost.indexOf("%") !== -1 && !new RegExp("\\P{ASCII}", "u").test(resolvedHost);
      if (resolved.error && !encodedASCIIHost) {
        throw new Error(resolved.error);
      }
      schemelessOptions.skipEscape = true;
      return serialize(resolved, schemelessOptions);
    }
    function resolveComponent(base, relative, options, skipNormalization) {
      const target = {};
      if (!skipNormalization) {
        base = parse(serialize(base, options), options);
        relative = parse(serialize(relative, options), options);
      }
      options = options || {};
      if (!options.tolerant && relative.scheme) {
        target.scheme = relative.scheme;
        target.userinfo = relative.userinfo;
        target.host = relative.host;
        target.port = relative.port;
        target.path = removeDotSegments(relative.path || "");
        target.query = relative.query;
      } else {
        if (relative.userinfo !== void 0 || relative.host !== void 0 || relative.port !== void 0) {
          target.userinfo = relative.userinfo;
          target.host = relative.host;
          target.port = relative.port;
          target.path = removeDotSegments(relative.path || "");
          target.query = relative.query;
        } else {
          if (!relative.path) {
            target.path = base.path;
            if (relative.query !== void 0) {
              target.query = relative.query;
            } else {
              target.query = base.query;
            }
          } else {
            if (relative.path[0] === "/") {
              target.path = removeDotSegments(relative.path);
            } else {
              const baseHasAuthority = base.userinfo !== void 0 || base.host !== void 0 || base.port !== void 0;
              if (baseHasAuthority && !base.path) {
                target.path = "/" + relative.path;
              } else if (!base.path) {
                target.path = relative.path;
              } else {
                target.path = base.path.slice(0, base.path.lastIndexOf("/") + 1) + relative.path;
              }
              target.path = base.scheme === void 0 && !baseHasAuthority && target.path[0] !== "/" ? removeDotSegmentsRelative(target.path) : removeDotSegments(target.path);
            }
            target.query = relative.query;
          }
          target.userinfo = base.userinfo;
          target.host = base.host;
          target.port = base.port;
        }
        target.scheme = base.scheme;
      }
      target.fragment = relative.fragment;
      return target;
    }
    function equal(uriA, uriB, options) {
      const normalizedA = normalizeComparableURI(uriA, options);
      const normalizedB = normalizeComparableURI(uriB, options);
      return normalizedA !== void 0 && normalizedB !== void 0 && normalizedA === normalizedB;
    }
    function serialize(cmpts, opts) {
      const component = {
        host: cmpts.host,
        scheme: cmpts.scheme,
        userinfo: cmpts.userinfo,
        port: cmpts.port,
        path: cmpts.path,
        query: cmpts.query,
        nid: cmpts.nid,
        nss: cmpts.nss,
        uuid: cmpts.uuid,
        fragment: cmpts.fragment,
        reference: cmpts.reference,
        resourceName: cmpts.resourceName,
        secure: cmpts.secure,
        error: ""
      };
      const options = Object.assign({}, opts);
      const uriTokens = [];
      if (component.scheme) {
        component.scheme = validateScheme(component.scheme);
      }
      const schemeHandler = getSchemeHandler(options.scheme || component.scheme);
      if (schemeHandler && schemeHandler.serialize) schemeHandler.serialize(component, options);
      const hasAuthority = component.userinfo !== void 0 || component.host !== void 0 || component.port !== void 0;
      const schemelessReference = (component.scheme === void 0 || options.reference === "suffix") && !hasAuthority;
      const pathNoScheme = !options.skipEscape && schemelessReference;
      if (component.path !== void 0) {
        if (!options.skipEscape) {
          component.path = serializePathEncoding(component.path, pathNoScheme);
        } else {
          component.path = normalizePercentEncoding(component.path);
        }
      }
      if (options.reference !== "suffix" && component.scheme) {
        component.scheme = validateScheme(component.scheme);
        uriTokens.push(component.scheme, ":");
      }
      const authority = recomposeAuthority(component);
      if (authority !== void 0) {
        if (options.reference !== "suffix") {
          uriTokens.push("//");
        }
        uriTokens.push(authority);
        if (component.path && component.path[0] !== "/") {
          uriTokens.push("/");
        }
      }
      if (component.path !== void 0) {
        let s = component.path;
        if (!options.absolutePath && (!schemeHandler || !schemeHandler.absolutePath)) {
          s = schemelessReference && s[0] !== "/" ? removeDotSegmentsRelative(s) : removeDotSegments(s);
        }
        if (schemelessReference) {
          s = serializePathEncoding(s, true);
        }
        if (authority === void 0 && s[0] === "/" && s[1] === "/") {
          s = "/%2F" + s.slice(2);
        }
        uriTokens.push(s);
      }
      if (component.query !== void 0) {
        uriTokens.push("?", encodeQuery(component.query));
      }
      if (component.fragment !== void 0) {
        uriTokens.push("#", encodeFragment(component.fragment));
      }
      return uriTokens.join("");
    }
    var URI_PARSE = /^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/u;
    var AUTHORITY_PREFIX = /^(?:[^#/:?]+:)?\/\/([^/?#]*)/;
    var AUTHORITY_INTRODUCER_REGION = /^(?:[^#/:?]+:)?([/\\\t\n\r]*)/;
    function getParseError(parsed, matches2) {
      if (matches2[2] !== void 0 && parsed.path && parsed.path[0] !== "/") {
        return 'URI path must start with "/" when authority is present.';
      }
      if (typeof parsed.port === "number" && (parsed.port < 0 || parsed.port > 65535)) {
        return "URI port is malformed.";
      }
      return void 0;
    }
    function hasMalformedPercentEncoding(component) {
      if (component === void 0) return false;
      let percent = component.indexOf("%");
      while (percent !== -1) {
        if (percent + 2 >= component.length || !/^[\da-f]{2}$/iu.test(component.slice(percent + 1, percent + 3))) {
          return true;
        }
        percent = component.indexOf("%", percent + 3);
      }
      return false;
    }
    function isIPLiteral(host) {
      return host[0] === "[" && host[host.length - 1] === "]";
    }
    function hasMalformedComponentPercentEncoding(matches2) {
      const host = matches2[4];
      return hasMalformedPercentEncoding(matches2[3]) || host !== void 0 && !isIPLiteral(host) && hasMalformedPercentEncoding(host) || hasMalformedPercentEncoding(matches2[6]) || hasMalformedPercentEncoding(matches2[7]) || hasMalformedPercentEncoding(matches2[8]);
    }
    function canonicalizeHost(parsed, options, schemeHandler, isIP3) {
      if (hasForbiddenDomainHost(parsed, options, schemeHandler, isIP3)) {
        parsed.error = parsed.error || MALFORMED_HOST_ERROR;
        return true;
      }
      if (!options.unicodeSupport && (!schemeHandler || !schemeHandler.unicodeSupport) && parsed.host && !isIPLiteral(parsed.host) && (options.domainHost || schemeHandler && schemeHandler.domainHost) && isIP3 === false && nonSimpleDomain(parsed.host)) {
        let url;
        try {
          url = new URL("http://" + parsed.host);
        } catch (e) {
          parsed.error = parsed.error || "Host's domain name can not be converted to ASCII: " + e;
          return true;
        }
        if (!isHostOnlyURL(url)) {
          parsed.error = parsed.error || MALFORMED_HOST_ERROR;
          return true;
        }
        parsed.host = url.hostname;
      }
      return false;
    }
    function hasForbiddenDomainHost(parsed, options, schemeHandler, isIP3) {
      return Boolean(
        parsed.host && isIP3 === false && !isIPLiteral(parsed.host) && (options.domainHost || schemeHandler && schemeHandler.domainHost) && FORBIDDEN_DOMAIN_HOST_CHARACTER.test(parsed.host)
      );
    }
    function isHostOnlyURL(url) {
      return url.username === "" && url.password === "" && url.port === "" && url.pathname === "/" && url.search === "" && url.hash === "" && url.hostname !== "";
    }
    function parseWithStatus(uri, opts) {
      const options = Object.assign({}, opts);
      const parsed = {
        scheme: void 0,
        userinfo: void 0,
        host: "",
        port: void 0,
        path: "",
        query: void 0,
        fragment: void 0
      };
      let malformedAuthorityOrPort = false;
      let malformedPercentEncoding = false;
      let malformedSchemeSpecific = false;
      let malformedHost = false;
      let malformedIPLiteral = false;
      let malformedScheme = false;
      let isIP3 = false;
      if (options.reference === "suffix") {
        if (options.scheme) {
          uri = options.scheme + ":" + uri;
        } else {
          uri = "//" + uri;
        }
      }
      const authorityMatch = uri.match(AUTHORITY_PREFIX);
      if (authorityMatch !== null && authorityMatch[1].indexOf("\\") !== -1) {
        parsed.error = "URI authority must not contain a literal backslash.";
        malformedAuthorityOrPort = true;
      }
      const introducerMatch = uri.match(AUTHORITY_INTRODUCER_REGION);
      if (introducerMatch !== null) {
        const region = introducerMatch[1];
        const normalizedRegion = region.replace(/[\t\n\r]/g, "");
        if (normalizedRegion.length >= 2) {
          if (normalizedRegion.slice(0, 2) !== "//") {
            parsed.error = parsed.error || "URI authority must not contain a literal backslash.";
            malformedAuthorityOrPort = true;
          } else if (region.length !== normalizedRegion.length) {
            parsed.error = parsed.error || "URI authority introducer must not contain whitespace.";
            malformedAuthorityOrPort = true;
          }
        }
      }
      const matches2 = uri.match(URI_PARSE);
      if (matches2) {
        parsed.scheme = matches2[1];
        parsed.userinfo = matches2[3];
        parsed.host = matches2[4];
        parsed.port = parseInt(matches2[5], 10);
        parsed.path = matches2[6] || "";
        parsed.query = matches2[7];
        parsed.fragment = matches2[8];
        if (parsed.scheme !== void 0) {
          if (VALID_SCHEME.test(parsed.scheme)) {
            parsed.scheme = parsed.scheme.toLowerCase();
          } else {
            parsed.error = parsed.error || MALFORMED_SCHEME_ERROR;
            malformedScheme = true;
          }
        }
        malformedPercentEncoding = hasMalformedComponentPercentEncoding(matches2);
        if (malformedPercentEncoding) {
          parsed.error = parsed.error || "URI contains malformed percent-encoding.";
        }
        if (isNaN(parsed.port)) {
          parsed.port = matches2[5];
        }
        const parseError = getParseError(parsed, matches2);
        if (parseError !== void 0) {
          parsed.error = parsed.error || parseError;
          malformedAuthorityOrPort = true;
        }
        if (parsed.host) {
          const ipv4result = isIPv4(parsed.host);
          if (ipv4result === false) {
            const bracketedIPLiteral = isIPLiteral(parsed.host);
            const hasIPLiteralBracket = parsed.host.indexOf("[") !== -1 || parsed.host.indexOf("]") !== -1;
            const ipv6result = normalizeIPv6(parsed.host);
            isIP3 = ipv6result.isIPV6 || ipv6result.isIPVFuture === true;
            malformedIPLiteral = hasIPLiteralBracket && (!bracketedIPLiteral || ipv6result.error === true);
            parsed.host = isIP3 ? ipv6result.host : ipv6result.host.toLowerCase();
            if (malformedIPLiteral) {
              parsed.error = parsed.error || MALFORMED_HOST_ERROR;
              malformedAuthorityOrPort = true;
            }
          } else {
            isIP3 = true;
          }
        }
        if (parsed.scheme === void 0 && parsed.userinfo === void 0 && parsed.host === void 0 && parsed.port === void 0 && parsed.query === void 0 && !parsed.path) {
          parsed.reference = "same-document";
        } else if (parsed.scheme === void 0) {
          parsed.reference = "relative";
        } else if (parsed.fragment === void 0) {
          parsed.reference = "absolute";
        } else {
          parsed.reference = "uri";
        }
        if (options.reference && options.reference !== "suffix" && options.reference !== parsed.reference) {
          parsed.error = parsed.error || "URI is not a " + options.reference + " reference.";
        }
        const schemeHandler = getSchemeHandler(options.scheme || parsed.scheme);
        if (!malformedIPLiteral) {
          malformedHost = canonicalizeHost(parsed, options, schemeHandler, isIP3);
        }
        if (uri.indexOf("%") !== -1 && parsed.host !== void 0 && !malformedIPLiteral) {
          let host = isIP3 ? parsed.host : normalizePercentEncoding(parsed.host, true);
          if (!isIP3) {
            host = normalizePercentEncoding(host.toLowerCase());
          }
          parsed.host = isIP3 || options.scheme !== "null" ? reescapeHostDelimiters(host, isIP3) : host;
        }
        if (!schemeHandler || schemeHandler && !schemeHandler.skipNormalize) {
          if (parsed.path) {
            parsed.path = normalizePathEncoding(parsed.path);
          }
          if (parsed.query) {
            parsed.query = normalizeQueryFragmentEncoding(parsed.query);
          }
          if (parsed.fragment) {
            parsed.fragment = normalizeQueryFragmentEncoding(parsed.fragment);
          }
        }
        if (schemeHandler && schemeHandler.parse) {
          schemeHandler.parse(parsed, options);
          if (schemeHandler === SCHEMES.urn && parsed.nid === void 0) {
            malformedSchemeSpecific = true;
          }
        }
      } else {
        parsed.error = parsed.error || "URI can not be parsed.";
      }
      return { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme };
    }
    function parse(uri, opts) {
      return parseWithStatus(uri, opts).parsed;
    }
    function normalizeString(uri, opts) {
      return normalizeStringWithStatus(uri, opts).normalized;
    }
    function normalizeStringWithStatus(uri, opts) {
      const { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = parseWithStatus(uri, opts);
      return {
        normalized: malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? uri : serialize(parsed, opts),
        malformedAuthorityOrPort,
        malformedPercentEncoding,
        malformedSchemeSpecific,
        malformedHost,
        malformedScheme
      };
    }
    function normalizeComparableURI(uri, opts) {
      if (typeof uri !== "string" && typeof uri !== "object") {
        return void 0;
      }
      let value;
      try {
        value = typeof uri === "string" ? uri : serialize(uri, opts);
      } catch {
        return void 0;
      }
      const { normalized, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = normalizeStringWithStatus(value, opts);
      return malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? void 0 : normalized;
    }
    var fastUri = {
      SCHEMES,
      normalize,
      resolve,
      resolveComponent,
      equal,
      serialize,
      parse
    };
    module.exports = fastUri;
    module.exports.default = fastUri;
    module.exports.fastUri = fastUri;
  }
});

// node_modules/ajv/dist/runtime/uri.js
var require_uri = __commonJS({
  "node_modules/ajv/dist/runtime/uri.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var uri = require_fast_uri();
    uri.code = 'require("ajv/dist/runtime/uri").default';
    exports.default = uri;
  }
});

// src/lazy.ts
import { createRequire } from "node:module";
var nodeRequire = createRequire(import.meta.url);
function lazyRequire(id) {
  return nodeRequire(id);
}
function ajvVersion() {
  return nodeRequire("ajv/package.json").version;
}

// src/engine/rule.ts
var PRESETS = ["recommended", "strict", "all"];
var DOCS_BASE_URL = "https://github.com/kube-lint/kube-lint/blob/main/docs/rules";
function isObjectRule(rule) {
  return rule.meta.scope === "object" && "check" in rule;
}
function isRunRule(rule) {
  return rule.meta.scope === "run" && "checkRun" in rule;
}
var RuleOptionsError = class extends Error {
  name = "RuleOptionsError";
};
var ajv;
function optionsValidator(id, schema2) {
  if (!schema2) return void 0;
  ajv ??= new (lazyRequire("ajv")).Ajv({ allErrors: true, strict: true, useDefaults: false, validateSchema: false });
  try {
    return ajv.compile({ type: "object", additionalProperties: false, ...schema2 });
  } catch (error) {
    throw new Error(`rule ${id}: options schema does not compile: ${error.message}`, { cause: error });
  }
}
function makeResolver(id, meta) {
  let compiled = false;
  let validate;
  return (raw) => {
    if (raw === void 0 || raw === null) return { ...meta.defaults };
    if (typeof raw !== "object" || Array.isArray(raw)) throw new RuleOptionsError(`options of rule "${id}" must be an object`);
    if (!compiled) {
      validate = optionsValidator(id, meta.options);
      compiled = true;
    }
    if (!validate) {
      if (Object.keys(raw).length > 0) throw new RuleOptionsError(`rule "${id}" takes no options`);
      return { ...meta.defaults };
    }
    const merged = { ...meta.defaults, ...raw };
    if (!validate(merged)) {
      const detail = (validate.errors ?? []).map(
        (e) => e.keyword === "additionalProperties" ? `unknown option "${String(e.params.additionalProperty)}"` : `${e.instancePath.slice(1) || "options"} ${e.message ?? ""}`
      ).join("; ");
      throw new RuleOptionsError(`invalid options for rule "${id}": ${detail}`);
    }
    return merged;
  };
}
function defineRule(spec) {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(spec.id)) throw new Error(`rule id "${spec.id}" is not kebab-case`);
  const resolveOptions = makeResolver(spec.id, spec.meta);
  return { ...spec, docsUrl: `${DOCS_BASE_URL}/${spec.id}.md`, resolveOptions };
}

// src/errors.ts
var UsageError = class extends Error {
  name = "UsageError";
};
var ConfigError = class extends Error {
  name = "ConfigError";
};

// src/schema/bundle.ts
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
function findSchemasDir() {
  let dir = import.meta.dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, "schemas");
    if (existsSync(path.join(candidate, "index.json"))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`kube-lint is installed without its schemas/ folder (looked above ${import.meta.dirname})`);
}
var schemasDir;
var index;
var kubernetes;
var kinds;
var deprecations;
function file(name) {
  schemasDir ??= findSchemasDir();
  return path.join(schemasDir, name);
}
function bundleStamp() {
  if (stamp === void 0) {
    try {
      const stat = statSync(file(bundleIndex().files.kubernetes));
      stamp = `${stat.size} ${stat.mtimeMs}`;
    } catch {
      stamp = "unknown";
    }
  }
  return stamp;
}
var stamp;
function bundleIndex() {
  index ??= JSON.parse(readFileSync(file("index.json"), "utf8"));
  return index;
}
function kubernetesBundle() {
  kubernetes ??= JSON.parse(brotliDecompressSync(readFileSync(file(bundleIndex().files.kubernetes))).toString("utf8"));
  return kubernetes;
}
var definitionsCache = /* @__PURE__ */ new Map();
function definitionsOf(version) {
  let defs = definitionsCache.get(version);
  if (!defs) {
    const bundle = kubernetesBundle();
    const names = bundle.definitions[version];
    if (!names) throw new Error(`no bundled schemas for Kubernetes ${version}`);
    defs = {};
    for (const [name, at] of Object.entries(names)) {
      const body = bundle.bodies[at];
      if (body) defs[name] = body;
    }
    definitionsCache.set(version, defs);
  }
  return defs;
}
function kindDefinition(version, apiVersion, kind) {
  const kinds2 = kindsOf(version);
  const byKind = Object.hasOwn(kinds2, apiVersion) ? kinds2[apiVersion] : void 0;
  const name = byKind && Object.hasOwn(byKind, kind) ? byKind[kind] : void 0;
  return typeof name === "string" ? name : void 0;
}
function kindsOf(version) {
  kinds ??= JSON.parse(readFileSync(file(bundleIndex().files.kinds), "utf8"));
  return kinds[version] ?? {};
}
function deprecationEntries() {
  deprecations ??= JSON.parse(readFileSync(file(bundleIndex().files.deprecations), "utf8")).entries;
  return deprecations;
}

// src/schema/versions.ts
var KUBERNETES_VERSIONS = bundleIndex().versions;
var DEFAULT_KUBERNETES_VERSION = bundleIndex().default;
function compareVersions(a, b) {
  const [a1 = 0, a2 = 0, a3 = 0] = a.split(".").map(Number);
  const [b1 = 0, b2 = 0, b3 = 0] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2 || a3 - b3;
}
function normalizeKubernetesVersion(input) {
  if (input === void 0 || input === "") return DEFAULT_KUBERNETES_VERSION;
  const text = String(input).trim();
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text);
  const minor = match ? `${match[1]}.${match[2]}` : void 0;
  if (minor === void 0 || !KUBERNETES_VERSIONS.includes(minor)) {
    throw new UsageError(`unknown Kubernetes version "${text}": known versions are ${KUBERNETES_VERSIONS.join(", ")}`);
  }
  return minor;
}

// src/engine/config.ts
var import_fastest_levenshtein = __toESM(require_mod(), 1);
import { existsSync as existsSync2, readFileSync as readFileSync2, statSync as statSync2 } from "node:fs";
import path2 from "node:path";
var CONFIG_FILE_NAMES = [".kube-lint.yaml", ".kube-lint.yml", ".kube-lint.json"];
var severityOrOff = { enum: ["off", "info", "warning", "error"] };
var CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    extends: { enum: [...PRESETS] },
    rules: {
      type: "object",
      additionalProperties: {
        anyOf: [
          severityOrOff,
          { type: "array", minItems: 1, maxItems: 2, items: [severityOrOff, { type: "object" }], additionalItems: false }
        ]
      }
    },
    kubernetesVersion: { type: ["string", "number"] },
    // a number gets a clear message below
    strict: { type: "boolean" },
    ignore: { type: "array", items: { type: "string" } },
    crds: { type: "array", items: { type: "string" } },
    schemas: { type: "array", items: { type: "string" } }
  }
};
var validator;
function configValidator() {
  if (!validator) {
    const { Ajv } = lazyRequire("ajv");
    validator = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(CONFIG_SCHEMA);
  }
  return validator;
}
function findConfigFile(cwd) {
  let dir = path2.resolve(cwd);
  for (; ; ) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path2.join(dir, name);
      if (existsSync2(candidate)) return candidate;
    }
    if (existsSync2(path2.join(dir, ".git"))) return void 0;
    const parent = path2.dirname(dir);
    if (parent === dir) return void 0;
    dir = parent;
  }
}
function parseConfigText(text, source) {
  let data;
  try {
    const { parse } = lazyRequire("yaml");
    data = parse(text, { version: "1.2", uniqueKeys: true, maxAliasCount: 20 });
  } catch (error) {
    throw new ConfigError(`${source}: not valid YAML or JSON: ${error.message.split("\n")[0] ?? ""}`);
  }
  if (data === null || data === void 0) return {};
  return checkConfig(data, source);
}
function checkConfig(data, source) {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ConfigError(`${source}: the configuration must be a mapping of keys (extends, rules, kubernetesVersion, ...)`);
  }
  const validateConfig = configValidator();
  if (!validateConfig(data)) {
    const error = (validateConfig.errors ?? [])[0];
    const where = error?.instancePath ? error.instancePath.slice(1).replace(/\//g, ".") : "";
    let detail;
    if (error?.keyword === "additionalProperties") {
      const key3 = String(error.params.additionalProperty);
      detail = `unknown key "${where ? `${where}.` : ""}${key3}" (known keys: ${Object.keys(CONFIG_SCHEMA.properties).filter((k) => k !== "$schema").join(", ")})`;
    } else if (error?.keyword === "enum" || where.startsWith("rules.")) {
      detail = `"${where}" must be one of ${where.startsWith("rules.") ? "off, info, warning, error, or [severity, {options}]" : JSON.stringify(error?.params.allowedValues)}`;
    } else {
      detail = `"${where}" ${error?.message ?? "is invalid"}`;
    }
    throw new ConfigError(`${source}: ${detail}`);
  }
  const config = data;
  const version = config.kubernetesVersion;
  if (typeof version === "number") {
    throw new ConfigError(
      `${source}: write kubernetesVersion as a quoted string ("1.30"): as a YAML number, ${version} loses its trailing zero`
    );
  }
  return config;
}
function loadConfigFile(filePath) {
  let text;
  try {
    if (statSync2(filePath).isDirectory()) throw new ConfigError(`config file ${filePath} is a folder`);
    text = readFileSync2(filePath, "utf8");
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = error.code;
    throw new ConfigError(`cannot read config file ${filePath}: ${code === "ENOENT" ? "no such file" : error.message}`);
  }
  return { config: parseConfigText(text, filePath), filePath, baseDir: path2.dirname(path2.resolve(filePath)) };
}
function loadConfig(options = {}) {
  const cwd = path2.resolve(options.cwd ?? process.cwd());
  if (options.configFile) return loadConfigFile(path2.resolve(cwd, options.configFile));
  const found = findConfigFile(cwd);
  return found ? loadConfigFile(found) : { config: {}, baseDir: cwd };
}
function settingParts(setting) {
  if (typeof setting === "string") return { severity: setting };
  return setting[1] === void 0 ? { severity: setting[0] } : { severity: setting[0], options: setting[1] };
}
function inPreset(rule, preset) {
  if (preset === "all") return true;
  if (preset === "strict") return rule.meta.presets.includes("strict") || rule.meta.presets.includes("recommended");
  return rule.meta.presets.includes("recommended");
}
function resolveConfig(config, rules2, baseDir) {
  const preset = config.extends ?? "recommended";
  const byId = new Map(rules2.map((r) => [r.id, r]));
  for (const id of Object.keys(config.rules ?? {})) {
    if (!byId.has(id)) {
      const near = closest(id, [...byId.keys()]);
      throw new ConfigError(`unknown rule "${id}" in rules${near ? ` (did you mean "${near}"?)` : ""}; "kube-lint rules" lists them`);
    }
  }
  const resolved = [];
  for (const rule of rules2) {
    const setting = config.rules?.[rule.id];
    let severity = inPreset(rule, preset) ? rule.meta.defaultSeverity : "off";
    let rawOptions;
    if (setting !== void 0) {
      const parts = settingParts(setting);
      severity = parts.severity;
      rawOptions = parts.options;
    }
    if (severity === "off") continue;
    let options;
    try {
      options = rule.resolveOptions(rawOptions);
    } catch (error) {
      throw new ConfigError(error.message, { cause: error });
    }
    resolved.push({ rule, severity, options, ...setting !== void 0 ? { explicit: true } : {} });
  }
  const versionInput = config.kubernetesVersion;
  return {
    rules: resolved,
    kubernetesVersion: normalizeKubernetesVersion(versionInput),
    strict: config.strict ?? true,
    ignore: config.ignore ?? [],
    crds: config.crds ?? [],
    schemas: config.schemas ?? [],
    baseDir
  };
}
function closest(word, candidates) {
  let best;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = (0, import_fastest_levenshtein.distance)(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== void 0 && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : void 0;
}

// src/schema/crd.ts
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function str(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function isCrdObject(value) {
  return isRecord(value) && value.kind === "CustomResourceDefinition" && typeof value.apiVersion === "string" && value.apiVersion.startsWith("apiextensions.k8s.io/");
}
function crdInfoOf(value) {
  if (!isCrdObject(value)) return void 0;
  const spec = isRecord(value.spec) ? value.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const group = str(spec.group);
  const kind = str(names.kind);
  if (group === void 0 || kind === void 0) return void 0;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const shared = isRecord(spec.validation) && isRecord(spec.validation.openAPIV3Schema) ? spec.validation.openAPIV3Schema : void 0;
  const versions = [];
  if (Array.isArray(spec.versions)) {
    for (const v of spec.versions) {
      if (!isRecord(v)) continue;
      const name = str(v.name);
      if (name === void 0) continue;
      const schema2 = isRecord(v.schema) && isRecord(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : shared;
      const version = { name, served: v.served !== false, storage: v.storage === true, deprecated: v.deprecated === true };
      const warning = str(v.deprecationWarning);
      if (warning !== void 0) version.deprecationWarning = warning;
      if (schema2) version.schema = schema2;
      versions.push(version);
    }
  } else if (str(spec.version) !== void 0) {
    const version = { name: str(spec.version) ?? "", served: true, storage: true, deprecated: false };
    if (shared) version.schema = shared;
    versions.push(version);
  }
  const info = { name: str(metadata.name) ?? "", group, kind, versions };
  const plural = str(names.plural);
  if (plural !== void 0) info.plural = plural;
  return info;
}

// src/schema/registry.ts
import { readFileSync as readFileSync3 } from "node:fs";

// src/schema/convert.ts
var DEFINITIONS_PREFIX = "#/definitions/";
var INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
var QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
var OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
var intOrString = (extra = {}) => ({ type: ["integer", "string"], ...extra });
var quantity = (mode = true) => ({ type: ["string", "number"], k8sQuantity: mode });
var stringMap = (extra) => ({ type: "object", additionalProperties: { type: "string" }, ...extra });
var nonNegativeQuantities = (extra = {}) => ({
  type: "object",
  additionalProperties: quantity("nonnegative"),
  ...extra
});
var withKeyword = (extra) => (original) => ({ ...original, ...extra });
var PATCHES = {
  "io.k8s.api.core.v1.ResourceRequirements": {
    limits: () => nonNegativeQuantities({ k8sResourceNames: "container" }),
    requests: () => nonNegativeQuantities({ k8sResourceNames: "container" })
  },
  "io.k8s.api.core.v1.VolumeResourceRequirements": { limits: () => nonNegativeQuantities(), requests: () => nonNegativeQuantities() },
  "io.k8s.api.core.v1.EmptyDirVolumeSource": { sizeLimit: () => quantity("nonnegative") },
  "io.k8s.api.core.v1.HTTPGetAction": { port: () => intOrString({ k8sPort: "port" }) },
  "io.k8s.api.core.v1.TCPSocketAction": { port: () => intOrString({ k8sPort: "port" }) },
  "io.k8s.api.core.v1.ContainerPort": {
    containerPort: withKeyword({ k8sPort: "number" }),
    hostPort: withKeyword({ k8sPort: "number-or-zero" }),
    name: withKeyword({ k8sPort: "name" })
  },
  "io.k8s.api.core.v1.ServicePort": {
    port: withKeyword({ k8sPort: "number" }),
    nodePort: withKeyword({ k8sPort: "number-or-zero" }),
    targetPort: () => intOrString({ k8sPort: "target-port" })
  },
  "io.k8s.api.networking.v1.NetworkPolicyPort": { port: () => intOrString({ k8sPort: "port" }) },
  "io.k8s.api.apps.v1.RollingUpdateDeployment": {
    maxSurge: () => intOrString({ k8sIntOrPercent: true }),
    maxUnavailable: () => intOrString({ k8sIntOrPercent: true })
  },
  "io.k8s.api.apps.v1.RollingUpdateDaemonSet": {
    maxSurge: () => intOrString({ k8sIntOrPercent: true }),
    maxUnavailable: () => intOrString({ k8sIntOrPercent: true })
  },
  "io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy": { maxUnavailable: () => intOrString({ k8sIntOrPercent: true }) },
  "io.k8s.api.policy.v1.PodDisruptionBudgetSpec": {
    minAvailable: () => intOrString({ k8sIntOrPercent: true }),
    maxUnavailable: () => intOrString({ k8sIntOrPercent: true })
  },
  [OBJECT_META]: { labels: () => stringMap({ k8sLabels: true }), annotations: () => stringMap({ k8sAnnotations: true }) },
  "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": { matchLabels: () => stringMap({ k8sLabels: true }) },
  "io.k8s.api.core.v1.ServiceSpec": { selector: () => stringMap({ k8sLabels: true }) },
  "io.k8s.api.core.v1.ReplicationControllerSpec": { selector: () => stringMap({ k8sLabels: true }) },
  "io.k8s.api.core.v1.PodSpec": { nodeSelector: () => stringMap({ k8sLabels: true }) }
};
function isNode(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function refTarget(node) {
  const ref = node.$ref;
  return typeof ref === "string" && ref.startsWith(DEFINITIONS_PREFIX) ? ref.slice(DEFINITIONS_PREFIX.length) : void 0;
}
function convertNode(node, strict) {
  const target = refTarget(node);
  if (target === INT_OR_STRING) return intOrString();
  if (target === QUANTITY) return quantity();
  const out = {};
  for (const [key3, value] of Object.entries(node)) {
    if (key3 === "properties" && isNode(value)) {
      const props = {};
      for (const [name, schema2] of Object.entries(value)) props[name] = isNode(schema2) ? convertNode(schema2, strict) : schema2;
      out.properties = props;
    } else if ((key3 === "items" || key3 === "additionalProperties" || key3 === "not") && isNode(value)) {
      out[key3] = convertNode(value, strict);
    } else if ((key3 === "oneOf" || key3 === "anyOf" || key3 === "allOf") && Array.isArray(value)) {
      out[key3] = value.map((v) => isNode(v) ? convertNode(v, strict) : v);
    } else {
      out[key3] = value;
    }
  }
  if (strict && isNode(out.properties) && out.additionalProperties === void 0 && out["x-kubernetes-preserve-unknown-fields"] !== true) {
    out.additionalProperties = false;
  }
  return out;
}
var NOT_REQUIRED = {
  "io.k8s.api.networking.v1.NetworkPolicySpec": ["podSelector"],
  "io.k8s.api.scheduling.v1.PriorityClass": ["value"]
};
function convertDefinitions(definitions, strict) {
  const out = {};
  for (const [name, body] of Object.entries(definitions)) {
    if (name === INT_OR_STRING) out[name] = intOrString();
    else if (name === QUANTITY) out[name] = quantity();
    else {
      const converted = convertNode(body, strict);
      const patches = PATCHES[name];
      if (patches && isNode(converted.properties)) {
        const props = { ...converted.properties };
        for (const [prop, patch] of Object.entries(patches)) {
          const original = props[prop];
          if (isNode(original)) props[prop] = patch(original);
        }
        converted.properties = props;
      }
      const optional = NOT_REQUIRED[name];
      if (optional && Array.isArray(converted.required)) {
        const required = converted.required.filter((field) => typeof field !== "string" || !optional.includes(field));
        if (required.length > 0) converted.required = required;
        else delete converted.required;
      }
      out[name] = converted;
    }
  }
  return out;
}

// src/engine/paths.ts
var PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;
function formatPath(path9) {
  let out = "";
  for (const segment of path9) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

// src/schema/keywords.ts
import { isIP as isIP2 } from "node:net";

// src/k8s/names.ts
import { isIP } from "node:net";
var DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
var DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
var QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
var LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
var IANA_SVC_NAME = /^[-a-z0-9]+$/;
var DNS1123_LABEL_MAX = 63;
var DNS1123_SUBDOMAIN_MAX = 253;
var LABEL_VALUE_MAX = 63;
var TOTAL_ANNOTATION_SIZE_MAX = 256 * 1024;
var FORMAT_RULES = {
  "dns-subdomain": "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters",
  "dns-label": "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters",
  "dns-1035-label": "lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters",
  "path-segment": 'any text except "." and "..", without "/" or "%"',
  "ip-address": "an IP address"
};
function nameRuleOf(apiVersion, kind) {
  const group = apiVersion?.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  switch (`${group}/${kind ?? ""}`) {
    case "/Namespace":
      return { format: "dns-label" };
    case "/Service":
      return { format: "dns-1035-label" };
    case "apps/StatefulSet":
      return { format: "dns-label" };
    case "batch/CronJob":
      return { format: "dns-subdomain", maxLength: 52, why: "the CronJob controller appends 11 characters to name its Jobs" };
    case "batch/Job":
      return { format: "dns-subdomain", maxLength: 63, why: "the name becomes the value of the job-name label of its Pods" };
    case "rbac.authorization.k8s.io/Role":
    case "rbac.authorization.k8s.io/ClusterRole":
    case "rbac.authorization.k8s.io/RoleBinding":
    case "rbac.authorization.k8s.io/ClusterRoleBinding":
      return { format: "path-segment" };
    case "networking.k8s.io/IPAddress":
      return { format: "ip-address" };
    default:
      return { format: "dns-subdomain" };
  }
}
function maskTrailingDash(name) {
  return name.length > 1 && name.endsWith("-") ? `${name.slice(0, -1)}a` : name;
}
function suggestName(value, format) {
  if (format === "path-segment" || format === "ip-address") return void 0;
  const allowed = format === "dns-subdomain" ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g;
  let out = value.toLowerCase().replace(allowed, "-").replace(/-{2,}/g, "-");
  out = out.replace(/^[^a-z0-9]+/, "").replace(/[^a-z0-9]+$/, "");
  if (format === "dns-subdomain") out = out.replace(/\.{2,}/g, ".").replace(/-?\.-?/g, ".");
  if (format === "dns-1035-label") out = out.replace(/^[^a-z]+/, "");
  const max = format === "dns-subdomain" ? DNS1123_SUBDOMAIN_MAX : DNS1123_LABEL_MAX;
  out = out.slice(0, max).replace(/[^a-z0-9]+$/, "");
  return out !== "" && out !== value ? out : void 0;
}
function nameProblem(value, rule, prefix = false) {
  const name = prefix ? maskTrailingDash(value) : value;
  const { format } = rule;
  const rules2 = FORMAT_RULES[format];
  switch (format) {
    case "path-segment":
      if (name === "." || name === "..") return `may not be "${name}"`;
      if (name.includes("/") || name.includes("%")) return `may not contain "${name.includes("/") ? "/" : "%"}"`;
      return void 0;
    case "ip-address":
      return isIP(name) === 0 ? "must be an IP address" : void 0;
    default: {
      const max = Math.min(rule.maxLength ?? Infinity, format === "dns-subdomain" ? DNS1123_SUBDOMAIN_MAX : DNS1123_LABEL_MAX);
      const pattern = format === "dns-subdomain" ? DNS1123_SUBDOMAIN : format === "dns-label" ? DNS1123_LABEL : DNS1035_LABEL;
      if (name.length > max) {
        return `is ${name.length} characters long, more than ${max}${rule.maxLength !== void 0 && rule.why ? ` (${rule.why})` : ""}`;
      }
      if (pattern.test(name)) return void 0;
      return `must consist of ${rules2}`;
    }
  }
}
function qualifiedNameProblem(value) {
  const parts = value.split("/");
  let name;
  if (parts.length === 1) name = value;
  else if (parts.length === 2) {
    const [prefix = "", rest = ""] = parts;
    if (prefix === "") return 'the prefix before "/" is empty';
    if (prefix.length > DNS1123_SUBDOMAIN_MAX || !DNS1123_SUBDOMAIN.test(prefix)) {
      return `the prefix "${prefix}" must be a DNS subdomain (lowercase letters, digits, '-' and '.')`;
    }
    name = rest;
  } else {
    return 'it may contain at most one "/"';
  }
  if (name === "") return "the name part is empty";
  if (name.length > 63) return `the name part is ${name.length} characters long, more than 63`;
  if (!QUALIFIED_NAME.test(name)) {
    return "the name part must consist of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  }
  return void 0;
}
function labelValueProblem(value) {
  if (value.length > LABEL_VALUE_MAX) return `it is ${value.length} characters long, more than ${LABEL_VALUE_MAX}`;
  if (!LABEL_VALUE.test(value)) {
    return "label values consist of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  }
  return void 0;
}
function portNameProblem(value) {
  if (value.length > 15) return `is ${value.length} characters long, more than 15`;
  if (!IANA_SVC_NAME.test(value)) return "may contain only lowercase letters, digits and '-'";
  if (value.startsWith("-") || value.endsWith("-")) return "may not start or end with '-'";
  if (value.includes("--")) return "may not contain '--'";
  if (!/[a-z]/.test(value)) return "must contain at least one letter";
  return void 0;
}

// src/k8s/quantity.ts
var QUANTITY_PATTERN = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
var BINARY = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
var DECIMAL = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
function parseQuantity(value) {
  if (typeof value === "number") return Number.isFinite(value) ? value : void 0;
  if (typeof value !== "string" || !QUANTITY_PATTERN.test(value)) return void 0;
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(value);
  if (!m) return void 0;
  const number = Number(m[1]);
  const suffix = m[2] ?? "";
  if (suffix in BINARY) return number * (BINARY[suffix] ?? 1);
  if (suffix in DECIMAL) return number * (DECIMAL[suffix] ?? 1);
  if (/^[eE]/.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  return void 0;
}

// src/schema/keywords.ts
var ANNOTATION_KEYWORDS = [
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-int-or-string",
  "x-kubernetes-embedded-resource",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-map-type",
  "x-kubernetes-validations",
  "x-kubernetes-patch-strategy",
  "x-kubernetes-patch-merge-key",
  "x-kubernetes-unions",
  "x-kubernetes-group-version-kind"
];
var DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
var DATE = /^\d{4}-\d{2}-\d{2}$/;
var BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
var UUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;
function isCidr(value) {
  const [ip = "", bits, ...rest] = value.split("/");
  if (bits === void 0 || rest.length > 0 || !/^\d{1,3}$/.test(bits)) return false;
  const family = isIP2(ip);
  return family !== 0 && Number(bits) <= (family === 4 ? 32 : 128);
}
var FORMATS = {
  int32: { type: "number", validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n <= 2 ** 31 - 1 },
  int64: { type: "number", validate: (n) => Number.isInteger(n) && n >= -(2 ** 63) && n <= 2 ** 63 },
  double: { type: "number", validate: () => true },
  float: { type: "number", validate: () => true },
  // encoding/json decodes []byte with base64.StdEncoding, which skips line breaks.
  byte: { type: "string", validate: (s) => BASE64.test(s.replace(/[\r\n]/g, "")) },
  "date-time": { type: "string", validate: (s) => DATE_TIME.test(s) },
  date: { type: "string", validate: (s) => DATE.test(s) },
  ipv4: { type: "string", validate: (s) => isIP2(s) === 4 },
  ipv6: { type: "string", validate: (s) => isIP2(s) === 6 },
  cidr: { type: "string", validate: isCidr },
  uuid: { type: "string", validate: (s) => UUID.test(s) },
  binary: { type: "string", validate: () => true },
  password: { type: "string", validate: () => true }
};
function fail(fn, params, keyword) {
  fn.errors = [{ keyword, message: params.message, params }];
  return false;
}
function quantityHint(value) {
  const trimmed = value.trim();
  if (/\s/.test(trimmed)) return ` (remove the space: "${trimmed.replace(/\s+/g, "")}")`;
  if (trimmed !== value) return ` (remove the surrounding spaces: "${trimmed}")`;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([a-zA-Z]+)$/.exec(value);
  if (!m) return "";
  const [, number = "", suffix = ""] = m;
  const letter = suffix[0]?.toUpperCase() ?? "";
  if (/^[kKmMgGtTpPeE][bB]$/.test(suffix) || /^[kKmMgGtTpPeE][iI][bB]?$/.test(suffix) || /^[gGtTpP]$/.test(suffix)) {
    const decimal = letter === "K" ? "k" : letter;
    return ` (did you mean "${number}${decimal}" or "${number}${letter}i"?)`;
  }
  return "";
}
var quantity2 = (schema2, data) => {
  if (typeof data !== "string" && typeof data !== "number") return true;
  if (typeof data === "string" && !QUANTITY_PATTERN.test(data)) {
    return fail(
      quantity2,
      { rule: "schema", message: `{path} must be a quantity such as 128Mi, 250m or 1.5, got "${data}"${quantityHint(data)}` },
      "k8sQuantity"
    );
  }
  const parsed = parseQuantity(data);
  if (schema2 === "nonnegative" && parsed !== void 0 && parsed < 0) {
    return fail(quantity2, { rule: "schema", message: `{path} must not be negative, got ${JSON.stringify(data)}` }, "k8sQuantity");
  }
  return true;
};
var port = (schema2, data) => {
  const mode = String(schema2);
  const error = (message) => fail(port, { rule: "schema", message }, "k8sPort");
  if (typeof data === "number") {
    if (mode === "name") return true;
    const min = mode === "number-or-zero" || mode === "target-port" ? 0 : 1;
    if (!Number.isInteger(data) || data < min || data > 65535) {
      const what2 = mode === "number" || mode === "number-or-zero" ? "a port number" : "a port number or a port name";
      return error(`{path} must be ${what2} between ${min} and 65535, got ${data}`);
    }
    return true;
  }
  if (typeof data !== "string" || mode === "number" || mode === "number-or-zero") return true;
  if (mode === "target-port" && data === "") return true;
  if (/^\d+$/.test(data) && mode !== "name") {
    return error(`{path} is the string "${data}", which the API server reads as a port name: write the number without quotes`);
  }
  const problem = portNameProblem(data);
  return problem === void 0 ? true : error(`{path} "${data}" is not a valid port name: it ${problem} (IANA service name)`);
};
var intOrPercent = (_schema, data) => {
  const error = (message) => fail(intOrPercent, { rule: "schema", message }, "k8sIntOrPercent");
  if (typeof data === "number") return data >= 0 ? true : error(`{path} must not be negative, got ${data}`);
  if (typeof data !== "string" || /^[0-9]+%$/.test(data)) return true;
  if (/^\d+$/.test(data))
    return error(`{path} must be a number or a percentage, got the string "${data}": write ${data} without quotes or "${data}%"`);
  return error(`{path} must be a whole number or a percentage such as "25%", got "${data}"`);
};
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var labels = (_schema, data) => {
  if (!isRecord2(data)) return true;
  const errors = [];
  for (const [key3, value] of Object.entries(data)) {
    const keyProblem = qualifiedNameProblem(key3);
    if (keyProblem !== void 0) {
      const params = {
        rule: "invalid-name",
        message: `label key "${key3}" in {parent} is not valid: ${keyProblem}`,
        subpath: [key3],
        target: "key"
      };
      errors.push({ keyword: "k8sLabels", message: params.message, params });
    }
    if (typeof value !== "string") continue;
    const valueProblem = labelValueProblem(value);
    if (valueProblem !== void 0) {
      const params = {
        rule: "invalid-name",
        message: `label "${key3}" in {parent} has the value "${value}", which is not valid: ${valueProblem}`,
        subpath: [key3],
        target: "value"
      };
      errors.push({ keyword: "k8sLabels", message: params.message, params });
    }
  }
  labels.errors = errors;
  return errors.length === 0;
};
var annotations = (_schema, data) => {
  if (!isRecord2(data)) return true;
  const errors = [];
  let size = 0;
  for (const [key3, value] of Object.entries(data)) {
    size += Buffer.byteLength(key3) + (typeof value === "string" ? Buffer.byteLength(value) : 0);
    const problem = qualifiedNameProblem(key3.toLowerCase());
    if (problem === void 0) continue;
    const params = {
      rule: "invalid-name",
      message: `annotation key "${key3}" in {parent} is not valid: ${problem}`,
      subpath: [key3],
      target: "key"
    };
    errors.push({ keyword: "k8sAnnotations", message: params.message, params });
  }
  if (size > TOTAL_ANNOTATION_SIZE_MAX) {
    const params = {
      rule: "invalid-name",
      message: `{parent} hold ${size} bytes, more than the ${TOTAL_ANNOTATION_SIZE_MAX} allowed: move large data to a ConfigMap`
    };
    errors.push({ keyword: "k8sAnnotations", message: params.message, params });
  }
  annotations.errors = errors;
  return errors.length === 0;
};
var CONTAINER_RESOURCES = ["cpu", "memory", "ephemeral-storage"];
var resourceNames = (_schema, data) => {
  if (!isRecord2(data)) return true;
  const errors = [];
  for (const key3 of Object.keys(data)) {
    let message;
    if (!key3.includes("/")) {
      if (CONTAINER_RESOURCES.includes(key3) || key3.startsWith("hugepages-")) continue;
      const near = CONTAINER_RESOURCES.find((r) => r.startsWith(key3.toLowerCase().slice(0, 3)) || key3.toLowerCase().startsWith(r));
      message = `unknown resource "${key3}" in {parent}: use cpu, memory, ephemeral-storage, hugepages-<size> or a domain-prefixed extended resource${near ? ` (did you mean "${near}"?)` : ""}`;
    } else {
      const problem = qualifiedNameProblem(key3);
      if (problem === void 0) continue;
      message = `resource name "${key3}" in {parent} is not valid: ${problem}`;
    }
    const params = { rule: "schema", message, subpath: [key3], target: "key" };
    errors.push({ keyword: "k8sResourceNames", message, params });
  }
  resourceNames.errors = errors;
  return errors.length === 0;
};
var KEYWORD_VALIDATORS = {
  k8sQuantity: quantity2,
  k8sPort: port,
  k8sIntOrPercent: intOrPercent,
  k8sLabels: labels,
  k8sAnnotations: annotations,
  k8sResourceNames: resourceNames
};
var RUNTIME_KEYWORDS = "kube-lint:keywords";
var RUNTIME_FORMATS = "kube-lint:formats";
function createAjv(options = {}) {
  const { Ajv: AjvClass, _ } = lazyRequire("ajv");
  const ajv2 = new AjvClass({
    inlineRefs: options.inlineRefs ?? true,
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    unicodeRegExp: false,
    validateSchema: false,
    logger: false,
    // Ajv's optimisation passes halve the cost of a cold compile (the common case for a linter:
    // a handful of validations per kind) and buy little at validation time. The source is kept
    // for the disk cache, which also needs the formats by name.
    code: { source: true, optimize: false, formats: _`require(${RUNTIME_FORMATS})` }
  });
  for (const keyword of ANNOTATION_KEYWORDS) ajv2.addKeyword(keyword);
  for (const [name, format] of Object.entries(FORMATS)) ajv2.addFormat(name, format);
  ajv2.addKeyword({ keyword: "k8sQuantity", schemaType: ["boolean", "string"], errors: true, validate: quantity2 });
  ajv2.addKeyword({ keyword: "k8sPort", schemaType: "string", errors: true, validate: port });
  ajv2.addKeyword({ keyword: "k8sIntOrPercent", schemaType: "boolean", errors: true, validate: intOrPercent });
  ajv2.addKeyword({ keyword: "k8sLabels", schemaType: "boolean", errors: true, validate: labels });
  ajv2.addKeyword({ keyword: "k8sAnnotations", schemaType: "boolean", errors: true, validate: annotations });
  ajv2.addKeyword({ keyword: "k8sResourceNames", schemaType: "string", errors: true, validate: resourceNames });
  return ajv2;
}
var CUSTOM_KEYWORDS = /* @__PURE__ */ new Set(["k8sQuantity", "k8sPort", "k8sIntOrPercent", "k8sLabels", "k8sAnnotations", "k8sResourceNames"]);

// src/schema/issues.ts
function pointerToPath(pointer, data) {
  if (pointer === "") return [];
  const out = [];
  let current = data;
  for (const raw of pointer.slice(1).split("/")) {
    const key3 = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(current)) {
      const index2 = Number(key3);
      out.push(index2);
      current = current[index2];
    } else {
      out.push(key3);
      current = typeof current === "object" && current !== null ? current[key3] : void 0;
    }
  }
  return out;
}
function describeValue(value) {
  if (value === null || value === void 0) return "null";
  if (typeof value === "string") return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return "a list";
  return "a map";
}
var TYPE_WORDS = {
  integer: "an integer",
  number: "a number",
  string: "a string",
  boolean: "a boolean (true or false)",
  object: "a map",
  array: "a list",
  null: "null"
};
var FORMAT_WORDS = {
  int32: "a 32-bit integer (-2147483648 to 2147483647)",
  int64: "a 64-bit integer",
  byte: "base64-encoded",
  "date-time": 'an RFC 3339 date-time such as "2024-01-31T12:00:00Z"',
  date: 'a date such as "2024-01-31"',
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  cidr: 'a CIDR such as "10.0.0.0/8"',
  uuid: "a UUID"
};
function show(value) {
  return typeof value === "string" ? JSON.stringify(value) : describeValue(value).replace(/^(number|boolean) /, "");
}
function typeHint(expected, data) {
  if (expected.includes("string") && (typeof data === "number" || typeof data === "boolean")) return ": quote it";
  if ((expected.includes("integer") || expected.includes("number")) && typeof data === "string" && /^-?\d+(\.\d+)?$/.test(data)) {
    return ": remove the quotes";
  }
  if (expected.includes("boolean") && typeof data === "string" && /^(true|false|yes|no|on|off)$/i.test(data)) {
    return ": write true or false without quotes";
  }
  if (expected.length === 1 && expected[0] === "array" && data !== null && typeof data === "object")
    return ': write each entry as a "- " list item';
  return "";
}
function schemaProps(error) {
  const parent = error.parentSchema;
  return parent?.properties ? Object.keys(parent.properties) : [];
}
function messageOf(item, context) {
  const { error, path: path9 } = item;
  const where = path9.length === 0 ? `the ${context.kind}` : formatPath(path9);
  const data = error.data;
  const params = error.params;
  switch (error.keyword) {
    case "additionalProperties": {
      const key3 = String(params.additionalProperty);
      const near = closest(key3, schemaProps(error));
      const hint = near === void 0 ? context.unknownFieldHint?.(error.parentSchema, key3) : void 0;
      const message = near ? `unknown field "${key3}" in ${where} (did you mean "${near}"?)` : `unknown field "${key3}" in ${where}: ${hint ?? "remove it or fix its indentation"}`;
      return { rule: "schema", path: [...path9, key3], message, target: "key" };
    }
    case "required": {
      const key3 = String(params.missingProperty);
      return { rule: "schema", path: path9, message: `missing required field "${key3}" in ${where}` };
    }
    case "type": {
      if (data === null || data === void 0) return void 0;
      const expected = (Array.isArray(params.type) ? params.type : String(params.type).split(",")).map(String);
      const words = expected.map((t) => TYPE_WORDS[t] ?? t).join(" or ");
      return { rule: "schema", path: path9, message: `${where} must be ${words}, got ${describeValue(data)}${typeHint(expected, data)}` };
    }
    case "format": {
      const format = String(params.format);
      const secretHint = format === "byte" && context.kind === "Secret" && path9[0] === "data" ? ": encode it, or put plain text under stringData" : "";
      return {
        rule: "schema",
        path: path9,
        message: `${where} must be ${FORMAT_WORDS[format] ?? `in format ${format}`}, got ${show(data)}${secretHint}`
      };
    }
    case "enum": {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const strings = allowed.filter((v) => typeof v === "string");
      const near = typeof data === "string" ? strings.find((s) => s.toLowerCase() === data.toLowerCase()) ?? closest(data, strings) : void 0;
      const list2 = allowed.length <= 12 ? allowed.map((v) => JSON.stringify(v)).join(", ") : `${allowed.slice(0, 12).map((v) => JSON.stringify(v)).join(", ")}, ...`;
      return {
        rule: "schema",
        path: path9,
        message: `${where} must be one of ${list2}, got ${show(data)}${near ? ` (did you mean "${near}"?)` : ""}`
      };
    }
    case "pattern":
      return { rule: "schema", path: path9, message: `${where} must match the pattern ${String(params.pattern)}, got ${show(data)}` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { rule: "schema", path: path9, message: `${where} must be ${String(params.comparison)} ${String(params.limit)}, got ${show(data)}` };
    case "minLength":
      return { rule: "schema", path: path9, message: `${where} must be at least ${String(params.limit)} characters long, got ${show(data)}` };
    case "maxLength":
      return {
        rule: "schema",
        path: path9,
        message: `${where} must be at most ${String(params.limit)} characters long, got ${typeof data === "string" ? data.length : 0}`
      };
    case "minItems":
      return {
        rule: "schema",
        path: path9,
        message: `${where} must have at least ${String(params.limit)} item(s), got ${Array.isArray(data) ? data.length : 0}`
      };
    case "maxItems":
      return {
        rule: "schema",
        path: path9,
        message: `${where} must have at most ${String(params.limit)} item(s), got ${Array.isArray(data) ? data.length : 0}`
      };
    case "minProperties":
      return {
        rule: "schema",
        path: path9,
        message: `${where} must have at least ${String(params.limit)} entr${params.limit === 1 ? "y" : "ies"}`
      };
    case "maxProperties":
      return {
        rule: "schema",
        path: path9,
        message: `${where} must have at most ${String(params.limit)} entr${params.limit === 1 ? "y" : "ies"}`
      };
    case "uniqueItems":
      return { rule: "schema", path: path9, message: `${where} has duplicate items (${String(params.j)} and ${String(params.i)}): remove one` };
    case "multipleOf":
      return { rule: "schema", path: path9, message: `${where} must be a multiple of ${String(params.multipleOf)}, got ${show(data)}` };
    case "not":
      return { rule: "schema", path: path9, message: `${where} has a value this field does not allow` };
    case "oneOf":
    case "anyOf":
      return { rule: "schema", path: path9, message: `${where} does not match any of the forms this field allows` };
    default: {
      if (CUSTOM_KEYWORDS.has(error.keyword)) {
        const custom = params;
        const full = [...path9, ...custom.subpath ?? []];
        const message = custom.message.replaceAll("{path}", full.length === 0 ? `the ${context.kind}` : formatPath(full)).replaceAll("{parent}", where);
        return { rule: custom.rule, path: full, message, ...custom.target ? { target: custom.target } : {} };
      }
      return { rule: "schema", path: path9, message: `${where} ${error.message ?? "is not valid"}` };
    }
  }
}
function isPrefix(prefix, path9) {
  return prefix.length <= path9.length && prefix.every((segment, i) => segment === path9[i]);
}
function reduceJunctor(junctor, branches) {
  const { error } = junctor;
  const passing = error.params.passingSchemas;
  if (Array.isArray(passing)) {
    const requiredSets = requiredOnlyBranches(error);
    if (requiredSets) {
      const names = requiredSets.flat().map((n) => `"${n}"`).join(", ");
      return [synthetic(junctor, `set only one of ${names}`)];
    }
    return [synthetic(junctor, `matches more than one of the forms this field allows: keep the fields of one`)];
  }
  const prefix = `${error.schemaPath}/`;
  const byBranch = /* @__PURE__ */ new Map();
  for (const item of branches) {
    const index2 = Number(item.error.schemaPath.slice(prefix.length).split("/")[0]);
    const list2 = byBranch.get(index2) ?? [];
    list2.push(item);
    byBranch.set(index2, list2);
  }
  if (byBranch.size === 0) return [junctor];
  const allRequired = [...byBranch.values()].every(
    (list2) => list2.every((i) => i.error.keyword === "required" && i.path.length === junctor.path.length)
  );
  if (allRequired) {
    const names = [
      ...new Set(
        [...byBranch.values()].flat().map((i) => `"${String(i.error.params.missingProperty)}"`)
      )
    ];
    return [synthetic(junctor, `set ${error.keyword === "oneOf" ? "exactly" : "at least"} one of ${names.join(", ")}`)];
  }
  const score = (list2) => [
    list2.some((i) => i.error.keyword === "type" && i.path.length === junctor.path.length) ? 1 : 0,
    list2.length
  ];
  const best = [...byBranch.entries()].sort(([ia, a], [ib, b]) => {
    const [ta, na] = score(a);
    const [tb, nb] = score(b);
    return ta - tb || na - nb || ia - ib;
  })[0];
  return best ? best[1] : [junctor];
}
function requiredOnlyBranches(error) {
  const schema2 = error.schema;
  if (!Array.isArray(schema2)) return void 0;
  const sets = [];
  for (const branch of schema2) {
    if (typeof branch !== "object" || branch === null) return void 0;
    const keys = Object.keys(branch);
    const required = branch.required;
    if (keys.length !== 1 || !Array.isArray(required)) return void 0;
    sets.push(required.map(String));
  }
  return sets;
}
function synthetic(junctor, text) {
  return { path: junctor.path, error: { ...junctor.error, keyword: "x-junctor", message: text } };
}
function translateErrors(errors, data, context) {
  let items = errors.map((error) => ({ error, path: pointerToPath(error.instancePath, data) }));
  for (let i = 0; i < items.length; i++) {
    const junctor = items[i];
    if (!junctor || junctor.error.keyword !== "oneOf" && junctor.error.keyword !== "anyOf") continue;
    const prefix = `${junctor.error.schemaPath}/`;
    const isBranch = (item) => item.error.schemaPath.startsWith(prefix) && isPrefix(junctor.path, item.path);
    const branches = items.slice(0, i).filter(isBranch);
    const replacement = reduceJunctor(junctor, branches);
    const before = items.slice(0, i).filter((item) => !isBranch(item));
    items = [...before, ...replacement, ...items.slice(i + 1)];
    i = before.length + replacement.length - 1;
  }
  const suggested = /* @__PURE__ */ new Set();
  for (const { error, path: path9 } of items) {
    if (error.keyword !== "additionalProperties") continue;
    const near = closest(String(error.params.additionalProperty), schemaProps(error));
    if (near !== void 0) suggested.add(`${JSON.stringify(path9)} ${near}`);
  }
  items = items.filter(
    ({ error, path: path9 }) => error.keyword !== "required" || !suggested.has(`${JSON.stringify(path9)} ${String(error.params.missingProperty)}`)
  );
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const item of items) {
    const issue = item.error.keyword === "x-junctor" ? {
      rule: "schema",
      path: item.path,
      message: `${item.path.length === 0 ? `the ${context.kind}` : formatPath(item.path)}: ${item.error.message ?? ""}`
    } : messageOf(item, context);
    if (!issue) continue;
    const key3 = `${issue.rule} ${JSON.stringify(issue.path)} ${issue.message}`;
    if (seen.has(key3)) continue;
    seen.add(key3);
    out.push(issue);
  }
  return out;
}

// src/schema/structural.ts
var VALUE_KEYWORDS = /* @__PURE__ */ new Set([
  "type",
  "required",
  "enum",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "multipleOf",
  "nullable",
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-embedded-resource",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-map-type"
]);
function isNode2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var UNPORTABLE_PATTERN = /\(\?[a-zA-Z]|\[\[:|\\[zAQEpP]|\(\?P</;
function portablePattern(pattern) {
  if (UNPORTABLE_PATTERN.test(pattern)) return false;
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
function isIntOrStringPair(list2) {
  if (!Array.isArray(list2) || list2.length !== 2) return false;
  const types2 = list2.map((s) => isNode2(s) && Object.keys(s).length === 1 ? s.type : void 0).sort();
  return types2[0] === "integer" && types2[1] === "string";
}
function convert(node, options, inJunctor) {
  const out = {};
  const intOrString2 = node["x-kubernetes-int-or-string"] === true;
  const preserve = node["x-kubernetes-preserve-unknown-fields"] === true;
  for (const [key3, value] of Object.entries(node)) {
    if (VALUE_KEYWORDS.has(key3)) out[key3] = value;
    else if (key3 === "properties" && isNode2(value)) {
      const props = {};
      for (const [name, schema2] of Object.entries(value)) if (isNode2(schema2)) props[name] = convert(schema2, options, inJunctor);
      out.properties = props;
    } else if (key3 === "items") {
      if (isNode2(value)) out.items = convert(value, options, inJunctor);
      else if (Array.isArray(value) && isNode2(value[0])) out.items = convert(value[0], options, inJunctor);
    } else if (key3 === "additionalProperties") {
      if (isNode2(value)) out.additionalProperties = convert(value, options, inJunctor);
      else if (value === true || value === false && !options.catalog) out.additionalProperties = value;
    } else if (key3 === "not" && isNode2(value)) {
      out.not = convert(value, options, true);
    } else if ((key3 === "allOf" || key3 === "anyOf" || key3 === "oneOf") && Array.isArray(value)) {
      if (intOrString2 && key3 === "anyOf" && isIntOrStringPair(value)) continue;
      const branches = value.filter(isNode2).map((v) => convert(v, options, true));
      if (branches.length > 0) out[key3] = branches;
    } else if (key3 === "pattern" && typeof value === "string") {
      if (portablePattern(value)) out.pattern = value;
    } else if (key3 === "format" && typeof value === "string") {
      if (value in FORMATS) out.format = value;
    } else if ((key3 === "exclusiveMinimum" || key3 === "exclusiveMaximum") && value === true) {
      const bound = key3 === "exclusiveMinimum" ? node.minimum : node.maximum;
      if (typeof bound === "number") out[key3] = bound;
    } else if ((key3 === "exclusiveMinimum" || key3 === "exclusiveMaximum") && typeof value === "number") {
      out[key3] = value;
    }
  }
  if (Array.isArray(out.required) && isNode2(node.properties)) {
    const props = node.properties;
    const required = out.required.filter((name) => !(typeof name === "string" && isNode2(props[name]) && props[name].default !== void 0));
    if (required.length > 0) out.required = required;
    else delete out.required;
  }
  if (out.exclusiveMinimum !== void 0) delete out.minimum;
  if (out.exclusiveMaximum !== void 0) delete out.maximum;
  if (intOrString2) {
    out.type = ["integer", "string"];
  }
  if (node["x-kubernetes-embedded-resource"] === true) {
    const props = isNode2(out.properties) ? { ...out.properties } : {};
    props.apiVersion ??= { type: "string" };
    props.kind ??= { type: "string" };
    props.metadata ??= { type: "object" };
    if (isNode2(out.properties) || preserve) out.properties = props;
  }
  if (options.strict && !inJunctor && !preserve && isNode2(out.properties) && out.additionalProperties === void 0) {
    out.additionalProperties = false;
  }
  if (preserve && out.additionalProperties === false) delete out.additionalProperties;
  return out;
}
function convertStructural(schema2, options) {
  const root = convert(schema2, options, false);
  const props = isNode2(root.properties) ? { ...root.properties } : {};
  props.apiVersion = { type: "string" };
  props.kind = { type: "string" };
  props.metadata = { $ref: options.objectMetaRef };
  root.properties = props;
  root.type ??= "object";
  if (options.strict && root["x-kubernetes-preserve-unknown-fields"] !== true && root.additionalProperties === void 0) {
    root.additionalProperties = false;
  }
  return root;
}
var JUNCTORS = /* @__PURE__ */ new Set(["allOf", "anyOf", "oneOf", "not"]);
var SubschemaPool = class {
  /**
   * `add(key, schema)` adds a shared subschema to the Ajv instance under `key`; subschemas of at
   * least `minNodes` nodes go to the pool.
   */
  constructor(add, minNodes = 24) {
    this.add = add;
    this.minNodes = minNodes;
  }
  add;
  minNodes;
  /** Signature -> id, for every subschema interned so far. */
  ids = /* @__PURE__ */ new Map();
  sizes = /* @__PURE__ */ new Map();
  added = /* @__PURE__ */ new Set();
  /** The `$ref` of pooled subschema `id`, adding it (built by `build`) on first use. */
  refTo(id, build) {
    const key3 = `kube-lint-shared-${id}`;
    if (!this.added.has(id)) {
      this.added.add(id);
      this.add(key3, build());
    }
    return { $ref: key3 };
  }
};
function shareSubschemas(root, minNodes = 8, pool) {
  const ids = pool?.ids ?? /* @__PURE__ */ new Map();
  const idOf = /* @__PURE__ */ new Map();
  const sizeOf2 = pool?.sizes ?? /* @__PURE__ */ new Map();
  const uses = /* @__PURE__ */ new Map();
  const children = (node) => {
    const out = [];
    for (const [key3, value] of Object.entries(node)) {
      if (key3 === "properties" && isNode2(value)) {
        for (const [name, schema2] of Object.entries(value)) if (isNode2(schema2)) out.push([key3, name, schema2]);
      } else if ((key3 === "items" || key3 === "additionalProperties") && isNode2(value)) out.push([key3, void 0, value]);
    }
    return out;
  };
  const intern = (node) => {
    const parts = [];
    let size = 1;
    for (const [key3, value] of Object.entries(node)) {
      if (key3 === "properties" && isNode2(value) || (key3 === "items" || key3 === "additionalProperties") && isNode2(value)) continue;
      parts.push(`${JSON.stringify(key3)}:${JSON.stringify(value)}`);
      if (JUNCTORS.has(key3)) size += 1;
    }
    for (const [key3, name, child] of children(node)) {
      const id2 = intern(child);
      size += sizeOf2.get(id2) ?? 1;
      parts.push(`${key3}/${name ?? ""}=#${id2}`);
    }
    const signature = parts.join(",");
    let id = ids.get(signature);
    if (id === void 0) {
      id = ids.size;
      ids.set(signature, id);
      sizeOf2.set(id, size);
    }
    idOf.set(node, id);
    uses.set(id, (uses.get(id) ?? 0) + 1);
    return id;
  };
  intern(root);
  const definitions = {};
  const names = /* @__PURE__ */ new Map();
  const shared = (id) => (uses.get(id) ?? 0) > 1 && (sizeOf2.get(id) ?? 0) >= minNodes;
  const pooled = (id) => pool !== void 0 && (shared(id) || (sizeOf2.get(id) ?? 0) >= pool.minNodes);
  const rewrite = (node, isRoot) => {
    const id = idOf.get(node);
    if (!isRoot && id !== void 0 && pool && pooled(id)) return pool.refTo(id, () => rewrite(node, true));
    if (!isRoot && id !== void 0 && shared(id)) {
      let name = names.get(id);
      if (name === void 0) {
        name = `s${names.size}`;
        names.set(id, name);
        definitions[name] = rewrite(node, true);
      }
      return { $ref: `#/definitions/${name}` };
    }
    const out = { ...node };
    for (const [key3, name, child] of children(node)) {
      if (name === void 0) out[key3] = rewrite(child, false);
      else {
        const props = out[key3] === node[key3] ? { ...node[key3] } : out[key3];
        props[name] = rewrite(child, false);
        out[key3] = props;
      }
    }
    return out;
  };
  const result = rewrite(root, true);
  if (Object.keys(definitions).length > 0) result.definitions = definitions;
  return result;
}

// src/schema/registry.ts
var CORE_ID = "k8s";
var OBJECT_META_REF = `${CORE_ID}${DEFINITIONS_PREFIX}${OBJECT_META}`;
var ValidatorCache = class {
  /** Validators compiled through this cache (core kinds, CRDs and catalog schemas). */
  compilations = 0;
  cores = /* @__PURE__ */ new Map();
  core(version, strict) {
    const key3 = `${version}|${String(strict)}`;
    let entry = this.cores.get(key3);
    if (!entry) {
      const definitions = convertDefinitions(definitionsOf(version), strict);
      const ajv2 = createAjv();
      ajv2.addSchema({ definitions }, CORE_ID);
      const names = /* @__PURE__ */ new WeakMap();
      for (const [name, body] of Object.entries(definitions)) names.set(body, name);
      entry = { ajv: ajv2, definitions, names, validators: /* @__PURE__ */ new Map() };
      this.cores.set(key3, entry);
    }
    return entry;
  }
  loaded = /* @__PURE__ */ new Map();
  /** The validator of a core definition: from memory, from `disk`, or compiled (and stored on `disk`). */
  coreValidator(version, strict, definition, disk) {
    const memoryKey = `${version}|${String(strict)}|${definition}`;
    let validator2 = this.cores.get(`${version}|${String(strict)}`)?.validators.get(definition) ?? this.loaded.get(memoryKey);
    if (validator2) return validator2;
    const key3 = disk?.keyOf("core", version, String(strict), definition, bundleStamp());
    validator2 = key3 !== void 0 ? disk?.load(key3) : void 0;
    if (validator2) {
      this.loaded.set(memoryKey, validator2);
      return validator2;
    }
    const core2 = this.core(version, strict);
    validator2 = core2.ajv.compile({ $ref: `${CORE_ID}${DEFINITIONS_PREFIX}${definition}` });
    this.compilations++;
    core2.validators.set(definition, validator2);
    if (key3 !== void 0) disk?.store(key3, core2.ajv, validator2);
    return validator2;
  }
  /** The name of the core definition `schema` is (or is a copy of: validators from the disk cache report copies). */
  definitionName(version, strict, schema2) {
    const core2 = this.core(version, strict);
    const name = core2.names.get(schema2);
    if (name !== void 0) return name;
    if (!core2.byText) {
      core2.byText = /* @__PURE__ */ new Map();
      for (const [n, body] of Object.entries(core2.definitions)) core2.byText.set(JSON.stringify(body), n);
    }
    return core2.byText.get(JSON.stringify(schema2));
  }
};
var sharedValidatorCache = new ValidatorCache();
function isRecord3(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function groupOf(apiVersion) {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}
function withoutNulls(value) {
  if (Array.isArray(value)) {
    const items = value;
    let changed2 = false;
    const next = items.map((item) => {
      const cleaned = withoutNulls(item);
      if (cleaned !== item) changed2 = true;
      return cleaned;
    });
    return changed2 ? next : value;
  }
  if (!isRecord3(value)) return value;
  let changed = false;
  const entries = [];
  for (const [key3, item] of Object.entries(value)) {
    if (item === null || item === void 0) {
      changed = true;
      continue;
    }
    const cleaned = withoutNulls(item);
    if (cleaned !== item) changed = true;
    entries.push([key3, cleaned]);
  }
  return changed ? Object.fromEntries(entries) : value;
}
var key = (apiVersion, kind) => `${apiVersion}
${kind}`;
var SchemaRegistry = class {
  kubernetesVersion;
  strict;
  cache;
  crds = /* @__PURE__ */ new Map();
  crdsByGroupKind = /* @__PURE__ */ new Map();
  catalog = /* @__PURE__ */ new Map();
  readFile;
  disk;
  extraAjv;
  extraValidators = /* @__PURE__ */ new Map();
  results = /* @__PURE__ */ new WeakMap();
  /** Schemas that could not be compiled (a CRD or catalog file Ajv rejects), by apiVersion/kind. */
  brokenSchemas = /* @__PURE__ */ new Map();
  constructor(options) {
    this.kubernetesVersion = options.kubernetesVersion;
    this.strict = options.strict;
    this.cache = options.cache ?? sharedValidatorCache;
    this.readFile = options.readFile ?? ((file2) => readFileSync3(file2, "utf8"));
    this.disk = options.disk;
    for (const entry of options.catalog ?? []) {
      const k = key(`${entry.group}/${entry.version}`, entry.kind);
      if (!this.catalog.has(k)) this.catalog.set(k, entry);
    }
  }
  /** At the end of a run: writes what the disk cache learnt (see DiskValidatorCache.flush). */
  flushCaches() {
    this.disk?.flush();
  }
  /** Registers a CustomResourceDefinition for every version it lists. Later registrations win. */
  addCrd(value, source) {
    const info = crdInfoOf(value);
    if (info) this.addCrdInfo(info, source);
    return info;
  }
  /** Registers what `crdInfoOf` read from a CRD (as `addCrd` does with the CRD itself). */
  addCrdInfo(info, source) {
    const list2 = [];
    for (const version of info.versions) {
      const registered = { info, version, source };
      this.crds.set(key(`${info.group}/${version.name}`, info.kind), registered);
      this.extraValidators.delete(key(`${info.group}/${version.name}`, info.kind));
      list2.push(registered);
    }
    this.crdsByGroupKind.set(`${info.group}
${info.kind}`, list2);
  }
  /** The core definition name of a built-in kind in the target version. */
  coreDefinition(apiVersion, kind) {
    return kindDefinition(this.kubernetesVersion, apiVersion, kind);
  }
  crd(apiVersion, kind) {
    return this.crds.get(key(apiVersion, kind));
  }
  /** Every version of a CRD-defined kind, whatever the apiVersion asked. */
  crdVersions(group, kind) {
    return this.crdsByGroupKind.get(`${group}
${kind}`) ?? [];
  }
  catalogEntry(apiVersion, kind) {
    return this.catalog.get(key(apiVersion, kind.toLowerCase()));
  }
  /** Where the schema of apiVersion/kind comes from, or undefined when there is none. */
  sourceOf(apiVersion, kind) {
    if (this.coreDefinition(apiVersion, kind) !== void 0) return "kubernetes";
    const crd = this.crd(apiVersion, kind);
    if (crd?.version.served) return "crd";
    if (this.catalogEntry(apiVersion, kind)) return "catalog";
    return void 0;
  }
  /** Every apiVersion/kind this registry knows, for "did you mean" hints. */
  knownKinds() {
    const out = [];
    for (const [apiVersion, kinds2] of Object.entries(kindsOf(this.kubernetesVersion))) {
      for (const kind of Object.keys(kinds2)) if (!kind.endsWith("List")) out.push({ apiVersion, kind, source: "kubernetes" });
    }
    for (const { info, version } of this.crds.values()) {
      if (version.served) out.push({ apiVersion: `${info.group}/${version.name}`, kind: info.kind, source: "crd" });
    }
    for (const entry of this.catalog.values())
      out.push({ apiVersion: `${entry.group}/${entry.version}`, kind: entry.kind, source: "catalog" });
    return out;
  }
  extra() {
    if (!this.extraAjv) {
      const ajv2 = createAjv({ inlineRefs: false });
      ajv2.addSchema({ definitions: this.cache.core(this.kubernetesVersion, this.strict).definitions }, CORE_ID);
      this.extraAjv = { ajv: ajv2, pool: new SubschemaPool((key3, schema2) => ajv2.addSchema(schema2, key3)) };
    }
    return this.extraAjv;
  }
  compileExtra(k, schema2) {
    if (this.extraValidators.has(k)) return this.extraValidators.get(k) ?? void 0;
    let validator2 = null;
    try {
      const node = schema2();
      if (node) {
        const disk = this.disk;
        const key3 = disk?.keyOf("custom", this.kubernetesVersion, String(this.strict), JSON.stringify(node), bundleStamp());
        validator2 = (key3 !== void 0 ? disk?.load(key3) : void 0) ?? null;
        if (!validator2) {
          const { ajv: ajv2, pool } = this.extra();
          validator2 = ajv2.compile(shareSubschemas(node, void 0, pool));
          this.cache.compilations++;
          if (key3 !== void 0) disk?.store(key3, ajv2, validator2);
        }
      }
    } catch (error) {
      this.brokenSchemas.set(k, error.message);
    }
    this.extraValidators.set(k, validator2);
    return validator2 ?? void 0;
  }
  validatorFor(apiVersion, kind) {
    const definition = this.coreDefinition(apiVersion, kind);
    if (definition !== void 0) {
      return { source: "kubernetes", validate: this.cache.coreValidator(this.kubernetesVersion, this.strict, definition, this.disk) };
    }
    const crd = this.crd(apiVersion, kind);
    if (crd?.version.served) {
      const schema2 = crd.version.schema;
      const validate = this.compileExtra(
        key(apiVersion, kind),
        () => schema2 ? convertStructural(schema2, { strict: this.strict, objectMetaRef: OBJECT_META_REF }) : void 0
      );
      return validate ? { source: "crd", validate } : void 0;
    }
    const entry = this.catalogEntry(apiVersion, kind);
    if (entry) {
      const validate = this.compileExtra(key(apiVersion, entry.kind), () => {
        const parsed = JSON.parse(this.readFile(entry.file));
        if (!isRecord3(parsed)) throw new Error(`${entry.file} is not a JSON Schema object`);
        return convertStructural(parsed, { strict: this.strict, catalog: true, objectMetaRef: OBJECT_META_REF });
      });
      return validate ? { source: "catalog", validate } : void 0;
    }
    return void 0;
  }
  /**
   * Validates an object's value against the schema of its apiVersion/kind; undefined when there is
   * no schema. Results are cached per value, so several rules can ask.
   */
  validate(value, apiVersion, kind) {
    const cached = this.results.get(value);
    if (cached !== void 0) return cached ?? void 0;
    const found = this.validatorFor(apiVersion, kind);
    if (!found) {
      this.results.set(value, null);
      return void 0;
    }
    const data = withoutNulls(value);
    const valid = found.validate(data);
    const issues = valid ? [] : translateErrors(found.validate.errors ?? [], data, { kind, unknownFieldHint: (schema2, field) => this.fieldHint(schema2, field) });
    issues.push(...this.nameIssues(data, apiVersion, kind));
    const result = { source: found.source, issues };
    this.results.set(value, result);
    return result;
  }
  /** For a field unknown to the target version: the bundled versions that have it. */
  fieldHint(schema2, field) {
    if (typeof schema2 !== "object" || schema2 === null) return void 0;
    const name = this.cache.definitionName(this.kubernetesVersion, this.strict, schema2);
    if (name === void 0) return void 0;
    const has = (version) => {
      const props = definitionsOf(version)[name]?.properties;
      return typeof props === "object" && props !== null && !Array.isArray(props) && field in props;
    };
    const versions = bundleIndex().versions;
    const at = versions.indexOf(this.kubernetesVersion);
    const added = versions.slice(at + 1).find(has);
    if (added !== void 0)
      return `Kubernetes ${this.kubernetesVersion} does not have it (added in ${added}): remove it or target a later version with --kubernetes-version`;
    const removed = versions.slice(0, at).reverse().find(has);
    if (removed !== void 0) return `Kubernetes ${this.kubernetesVersion} no longer has it (last in ${removed}): remove it`;
    return void 0;
  }
  /** metadata.name, generateName and namespace, checked as the API server's ValidateObjectMeta does. */
  nameIssues(data, apiVersion, kind) {
    if (!isRecord3(data) || !isRecord3(data.metadata)) return [];
    const metadata = data.metadata;
    const out = [];
    const rule = nameRuleOf(apiVersion, kind);
    for (const field of ["name", "generateName"]) {
      const value = metadata[field];
      if (typeof value !== "string" || value === "") continue;
      const problem = nameProblem(value, rule, field === "generateName");
      if (problem === void 0) continue;
      const base = suggestName(value, rule.format);
      const suggestion = base !== void 0 && field === "generateName" && value.endsWith("-") ? `${base}-` : base;
      out.push({
        rule: "invalid-name",
        path: ["metadata", field],
        message: `metadata.${field} "${value}" is not a valid ${kind} name: it ${problem}${suggestion ? ` (for example "${suggestion}")` : ""}`
      });
    }
    const namespace = metadata.namespace;
    if (typeof namespace === "string" && namespace !== "") {
      const problem = nameProblem(namespace, { format: "dns-label" });
      if (problem !== void 0) {
        const suggestion = suggestName(namespace, "dns-label");
        out.push({
          rule: "invalid-name",
          path: ["metadata", "namespace"],
          message: `metadata.namespace "${namespace}" is not a valid namespace name: it ${problem}${suggestion ? ` (for example "${suggestion}")` : ""}`
        });
      }
    }
    if (kind === "CustomResourceDefinition" && groupOf(apiVersion) === "apiextensions.k8s.io") {
      const info = crdInfoOf(data);
      const name = metadata.name;
      if (info?.plural !== void 0 && typeof name === "string" && name !== "" && name !== `${info.plural}.${info.group}`) {
        out.push({
          rule: "invalid-name",
          path: ["metadata", "name"],
          message: `metadata.name "${name}" of a CustomResourceDefinition must be <spec.names.plural>.<spec.group>: rename it "${info.plural}.${info.group}"`
        });
      }
    }
    return out;
  }
};
var fallbackRegistries = /* @__PURE__ */ new Map();
function registryFor(env) {
  if (env.schemas) return env.schemas;
  const k = `${env.kubernetesVersion}|${String(env.strict)}`;
  let registry = fallbackRegistries.get(k);
  if (!registry) {
    registry = new SchemaRegistry({ kubernetesVersion: env.kubernetesVersion, strict: env.strict });
    fallbackRegistries.set(k, registry);
  }
  return registry;
}

// src/load/objects.ts
function isRecord4(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function refOf(object) {
  const ref = {};
  if (object.apiVersion !== void 0) ref.apiVersion = object.apiVersion;
  if (object.kind !== void 0) ref.kind = object.kind;
  if (object.namespace !== void 0) ref.namespace = object.namespace;
  if (object.name !== void 0) ref.name = object.name;
  return ref;
}
function describeObject(object) {
  const kind = object.kind ?? "object";
  const name = object.name ?? "(unnamed)";
  return object.namespace ? `${kind} ${object.namespace}/${name}` : `${kind} ${name}`;
}
function stringField(value, key3) {
  const field = value[key3];
  return typeof field === "string" ? field : typeof field === "number" || typeof field === "boolean" ? String(field) : void 0;
}
function makeObject(value, filePath, document, basePath) {
  const metadata = isRecord4(value.metadata) ? value.metadata : {};
  return {
    apiVersion: stringField(value, "apiVersion"),
    kind: stringField(value, "kind"),
    name: stringField(metadata, "name") ?? stringField(metadata, "generateName"),
    namespace: stringField(metadata, "namespace"),
    value,
    filePath,
    document,
    basePath
  };
}
function isListKind(value) {
  const kind = value.kind;
  return typeof kind === "string" && (kind === "List" || kind.endsWith("List")) && Array.isArray(value.items);
}
function objectsOfDocument(document, filePath) {
  const result = { objects: [], skipped: false, incomplete: [] };
  const value = document.value;
  if (value === null || value === void 0) return result;
  if (!isRecord4(value) || value.apiVersion === void 0 && value.kind === void 0) {
    result.skipped = true;
    return result;
  }
  if (isListKind(value)) {
    value.items.forEach((item, i) => {
      const itemPath = ["items", i];
      if (!isRecord4(item)) {
        result.incomplete.push({
          path: itemPath,
          message: `item ${i} of ${String(value.kind)} is not an object: remove it or make it a Kubernetes object`
        });
        return;
      }
      checkTypeMeta(item, itemPath, result);
      result.objects.push(makeObject(item, filePath, document, itemPath));
    });
    return result;
  }
  checkTypeMeta(value, [], result);
  result.objects.push(makeObject(value, filePath, document, []));
  return result;
}
function checkTypeMeta(value, base, result) {
  const hasApi = typeof value.apiVersion === "string" && value.apiVersion !== "";
  const hasKind = typeof value.kind === "string" && value.kind !== "";
  if (hasApi && !hasKind) {
    result.incomplete.push({
      path: [...base, "kind"],
      message: `object has apiVersion "${String(value.apiVersion)}" but no kind: add kind`
    });
  } else if (!hasApi && hasKind) {
    result.incomplete.push({
      path: [...base, "apiVersion"],
      message: `${String(value.kind)} has no apiVersion: add apiVersion (for example "v1" or "apps/v1")`
    });
  }
  const metadata = value.metadata;
  const name = isRecord4(metadata) ? metadata.name ?? metadata.generateName : void 0;
  if (hasKind && (name === void 0 || name === null || name === "")) {
    result.incomplete.push({
      path: [...base, "metadata", "name"],
      message: `${String(value.kind)} has no metadata.name: give it a name`
    });
  }
}

// src/k8s/security.ts
var INHERITED = /* @__PURE__ */ new Set([
  "runAsNonRoot",
  "runAsUser",
  "runAsGroup",
  "seccompProfile",
  "seLinuxOptions",
  "appArmorProfile",
  "windowsOptions"
]);
function isInherited(field) {
  return INHERITED.has(field);
}
function present(value) {
  return value === null ? void 0 : value;
}
function podSecurityContextPath(pod) {
  return [...pod.path, "securityContext"];
}
function containerSecurityContextPath(ref) {
  return [...ref.path, "securityContext"];
}
function podSetting(pod, field) {
  const context = pod.spec.securityContext;
  return {
    value: isRecord4(context) ? present(context[field]) : void 0,
    path: [...podSecurityContextPath(pod), field]
  };
}
function containerSetting(ref, field) {
  const context = ref.container.securityContext;
  return isRecord4(context) ? present(context[field]) : void 0;
}
function resolveSetting(ref, field) {
  const containerPath = [...containerSecurityContextPath(ref), field];
  const own = containerSetting(ref, field);
  const pod = isInherited(field) ? podSetting(ref.pod, field) : void 0;
  if (own !== void 0) return { value: own, level: "container", path: containerPath, containerPath, podPath: pod?.path };
  if (pod && pod.value !== void 0) return { value: pod.value, level: "pod", path: pod.path, containerPath, podPath: pod.path };
  return { value: void 0, level: void 0, path: containerPath, containerPath, podPath: pod?.path };
}
var OS_LABELS = ["kubernetes.io/os", "beta.kubernetes.io/os"];
function isWindowsPod(pod) {
  const spec = pod.spec;
  if (isRecord4(spec.os)) return spec.os.name === "windows";
  const selector = spec.nodeSelector;
  if (isRecord4(selector) && OS_LABELS.some((label) => selector[label] === "windows")) return true;
  const context = spec.securityContext;
  return isRecord4(context) && isRecord4(context.windowsOptions) && context.windowsOptions.hostProcess === true;
}
function usesUserNamespace(pod) {
  return pod.spec.hostUsers === false;
}
function describeWorkload(object) {
  return `${object.kind ?? "object"} "${object.name ?? "(unnamed)"}"`;
}
function yamlToSet(path9, value) {
  return `${formatPath(path9)}: ${value}`;
}
function seccompTypeOf(profile) {
  return isRecord4(profile) && typeof profile.type === "string" ? profile.type : void 0;
}
var SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
var SECCOMP_CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";
function seccompProfileForAnnotation(value) {
  const v = value.trim();
  if (v.startsWith("localhost/")) return `{type: Localhost, localhostProfile: ${v.slice("localhost/".length)}}`;
  return "{type: RuntimeDefault}";
}
var BASELINE_CAPABILITIES = /* @__PURE__ */ new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT"
]);
var RESTRICTED_CAPABILITIES = ["NET_BIND_SERVICE"];
function normalizeCapability(name) {
  const upper = name.trim().toUpperCase();
  return upper.startsWith("CAP_") ? upper.slice(4) : upper;
}
var CAPABILITY_RISKS = {
  ALL: "every capability, as good as privileged",
  SYS_ADMIN: "mount filesystems, use namespaces and cgroups: the usual way out of a container",
  SYS_MODULE: "load kernel modules, which is root on the node",
  SYS_PTRACE: "trace and read the memory of other processes",
  SYS_RAWIO: "raw access to devices and I/O ports",
  SYS_BOOT: "reboot the node",
  SYS_TIME: "set the node's clock",
  SYS_RESOURCE: "override resource limits and quotas",
  DAC_READ_SEARCH: 'read any file by handle (the "shocker" escape)',
  NET_ADMIN: "reconfigure interfaces, routes and firewall rules",
  NET_RAW: "craft raw packets to spoof ARP or DNS replies to its neighbours",
  BPF: "load eBPF programs into the kernel",
  PERFMON: "read kernel and process performance data",
  SYSLOG: "read kernel logs, which leak kernel addresses",
  MAC_ADMIN: "change the AppArmor or SELinux policy",
  MAC_OVERRIDE: "bypass the AppArmor or SELinux policy",
  LINUX_IMMUTABLE: "change immutable files",
  IPC_LOCK: "lock unbounded memory",
  IPC_OWNER: "bypass permission checks on other processes' shared memory",
  AUDIT_CONTROL: "change the kernel audit rules",
  AUDIT_READ: "read the kernel audit log",
  BLOCK_SUSPEND: "keep the node from suspending",
  WAKE_ALARM: "set wake alarms",
  SYS_NICE: "raise its own priority and starve other processes",
  SYS_PACCT: "switch process accounting",
  SYS_TTY_CONFIG: "reconfigure terminals",
  LEASE: "take leases on files it does not own",
  CHECKPOINT_RESTORE: "checkpoint and restore other processes"
};
function addsSysAdmin(ref) {
  const caps = containerSetting(ref, "capabilities");
  const add = isRecord4(caps) && Array.isArray(caps.add) ? caps.add : [];
  return add.some((c) => typeof c === "string" && (normalizeCapability(c) === "SYS_ADMIN" || normalizeCapability(c) === "ALL"));
}
function normalizeHostPath(path9) {
  const collapsed = path9.trim().replace(/\/+/g, "/");
  return collapsed.length > 1 ? collapsed.replace(/\/$/, "") : collapsed;
}
function hostPathAllowed(path9, prefixes) {
  const p = normalizeHostPath(path9);
  return prefixes.some((prefix) => {
    const q = normalizeHostPath(prefix);
    return q === "/" || p === q || p.startsWith(`${q}/`);
  });
}
var RUNTIME_SOCKETS = [
  "/var/run/docker.sock",
  "/run/docker.sock",
  "/var/run/containerd/containerd.sock",
  "/run/containerd/containerd.sock",
  "/var/run/crio/crio.sock",
  "/run/crio/crio.sock",
  "/var/run/cri-dockerd.sock",
  "/run/cri-dockerd.sock"
];
function hostPathRisk(path9) {
  const p = normalizeHostPath(path9);
  if (p === "/") return "which is the node's whole filesystem";
  if (RUNTIME_SOCKETS.includes(p) || p === "/var/run" || p === "/run" || p === "/run/containerd" || p === "/var/run/containerd") {
    return "which reaches the container runtime socket and lets it start privileged containers (root on the node)";
  }
  if (p === "/var/lib/kubelet" || p.startsWith("/var/lib/kubelet/pods"))
    return "which holds other pods' secrets and service account tokens";
  if (p === "/etc" || p === "/etc/kubernetes" || p.startsWith("/etc/kubernetes/"))
    return "which holds the node's configuration and credentials";
  if (p === "/proc" || p === "/sys" || p.startsWith("/proc/") || p.startsWith("/sys/")) return "which exposes the node's kernel interfaces";
  if (p === "/dev") return "which exposes every device of the node";
  if (p === "/boot" || p === "/lib/modules" || p.startsWith("/lib/modules/")) return "which holds the node's kernel and its modules";
  if (p === "/root" || p === "/home" || p === "/var/lib/docker" || p === "/var/lib/containerd")
    return "which holds the node's private data";
  return void 0;
}
function seccompTypeForAnnotation(value) {
  const v = value.trim();
  if (v === "runtime/default" || v === "docker/default") return "RuntimeDefault";
  if (v === "unconfined") return "Unconfined";
  if (v.startsWith("localhost/")) return "Localhost";
  return void 0;
}

// src/k8s/workloads.ts
var TEMPLATE_PATHS = {
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
  PodTemplate: ["template"]
};
var WORKLOAD_GROUPS = /* @__PURE__ */ new Set(["", "apps", "extensions", "batch"]);
var POD_BEARING_KINDS = ["Pod", ...Object.keys(TEMPLATE_PATHS)];
function apiGroupOf(apiVersion) {
  if (!apiVersion) return "";
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}
function isBuiltinKind(object, kind) {
  return object.kind === kind && WORKLOAD_GROUPS.has(apiGroupOf(object.apiVersion));
}
function stringMap2(value) {
  if (!isRecord4(value)) return {};
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  }
  return out;
}
function getPath(value, path9) {
  let current = value;
  for (const segment of path9) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return void 0;
      current = current[segment];
    } else {
      if (!isRecord4(current) || !Object.hasOwn(current, segment)) return void 0;
      current = current[segment];
    }
  }
  return current;
}
function podSpecOf(object) {
  const kind = object.kind;
  if (kind === void 0 || !WORKLOAD_GROUPS.has(apiGroupOf(object.apiVersion))) return void 0;
  let podPath;
  if (kind === "Pod") podPath = [];
  else {
    const template = Object.hasOwn(TEMPLATE_PATHS, kind) ? TEMPLATE_PATHS[kind] : void 0;
    if (!template) return void 0;
    podPath = template;
  }
  const spec = getPath(object.value, [...podPath, "spec"]);
  if (!isRecord4(spec)) return void 0;
  const metadata = getPath(object.value, [...podPath, "metadata"]);
  return {
    spec,
    path: [...podPath, "spec"],
    metadataPath: [...podPath, "metadata"],
    labels: stringMap2(isRecord4(metadata) ? metadata.labels : void 0),
    annotations: stringMap2(isRecord4(metadata) ? metadata.annotations : void 0)
  };
}
var CONTAINER_FIELDS = [
  ["initContainers", "initContainer"],
  ["containers", "container"],
  ["ephemeralContainers", "ephemeralContainer"]
];
function containersOf(object, filter = {}) {
  const pod = podSpecOf(object);
  if (!pod) return [];
  const out = [];
  for (const [field, type2] of CONTAINER_FIELDS) {
    if (type2 === "initContainer" && filter.init === false) continue;
    if (type2 === "ephemeralContainer" && filter.ephemeral !== true) continue;
    const list2 = pod.spec[field];
    if (!Array.isArray(list2)) continue;
    list2.forEach((container, index2) => {
      if (!isRecord4(container)) return;
      const c = container;
      out.push({
        container: c,
        path: [...pod.path, field, index2],
        type: type2,
        name: typeof c.name === "string" && c.name !== "" ? c.name : `#${index2}`,
        sidecar: type2 === "initContainer" && container.restartPolicy === "Always",
        pod
      });
    });
  }
  return out;
}
function isLongRunning(object) {
  if (object.kind === "Job" || object.kind === "CronJob") return false;
  if (object.kind === "Pod") {
    const policy = object.value.spec?.restartPolicy;
    return policy === void 0 || policy === "Always";
  }
  return podSpecOf(object) !== void 0;
}
function describeContainer(ref) {
  const label = ref.type === "initContainer" ? ref.sidecar ? "sidecar container" : "init container" : ref.type === "ephemeralContainer" ? "ephemeral container" : "container";
  return `${label} "${ref.name}"`;
}

// rules/capabilities.ts
var capabilities_default = defineRule({
  id: "capabilities",
  meta: {
    description: "Containers drop ALL capabilities and add back at most NET_BIND_SERVICE",
    category: "security",
    defaultSeverity: "warning",
    presets: ["strict"],
    scope: "object",
    rationale: "Linux capabilities split root's powers into pieces, and a container gets about a dozen of them by default (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, ...), enough for a compromised process to change file ownership, switch users or spoof packets on the pod network. Dropping ALL removes them; almost every application needs none, and one that binds a port below 1024 needs only NET_BIND_SERVICE. Adding capabilities goes the other way: SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE and NET_RAW are forbidden even by the Baseline Pod Security Standard, because each is a known path to the node. The Restricted standard requires `drop: [ALL]` on every container and allows adding only NET_BIND_SERVICE (Linux pods only).",
    remediation: "Drop everything and add back only what the process needs:\n\n```yaml\nsecurityContext:\n  capabilities:\n    drop: [ALL]\n    add: [NET_BIND_SERVICE]   # only if it binds a port below 1024\n```\n\nInstead of NET_BIND_SERVICE, the app can often listen on a port above 1024 and let the Service map port 80 to it. If a workload needs a forbidden capability (a CNI agent's NET_ADMIN), keep it in a namespace with a less strict profile and suppress the finding there with a comment saying why.",
    options: {
      properties: {
        allowedCapabilities: {
          type: "array",
          items: { type: "string" },
          description: "Capabilities a container may add, without the CAP_ prefix. The Restricted standard allows only NET_BIND_SERVICE; Baseline also allows AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT."
        },
        requireDropAll: { type: "boolean", description: "Require `drop: [ALL]` on every container." }
      }
    },
    defaults: { allowedCapabilities: [...RESTRICTED_CAPABILITIES], requireDropAll: true }
  },
  check({ object, options }) {
    const allowed = new Set(options.allowedCapabilities.map(normalizeCapability));
    const reports = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      if (isWindowsPod(ref.pod)) continue;
      const who = describeContainer(ref);
      const path9 = [...containerSecurityContextPath(ref), "capabilities"];
      const caps = containerSetting(ref, "capabilities");
      const add = isRecord4(caps) && Array.isArray(caps.add) ? caps.add : [];
      const drop = isRecord4(caps) && Array.isArray(caps.drop) ? caps.drop : void 0;
      add.forEach((raw, index2) => {
        if (typeof raw !== "string") return;
        const name = normalizeCapability(raw);
        const at = [...path9, "add", index2];
        if (allowed.has(name)) {
          if (raw !== name && !options.allowedCapabilities.includes(raw)) {
            reports.push({
              path: at,
              message: `${who} adds capability "${raw}": write it as ${name}, the only spelling Pod Security Admission accepts`
            });
          }
          return;
        }
        const risk = CAPABILITY_RISKS[name];
        const because = risk ? ` (${risk})` : "";
        const message = BASELINE_CAPABILITIES.has(name) ? `${who} adds capability ${name}${because}, which the Restricted profile does not allow: remove it from securityContext.capabilities.add` : `${who} adds capability ${name}${because}, which even the Baseline profile forbids: remove it from securityContext.capabilities.add`;
        reports.push({ path: at, message });
      });
      if (!options.requireDropAll) continue;
      const dropped = (drop ?? []).filter((c) => typeof c === "string");
      if (dropped.includes("ALL")) continue;
      const lowerAll = dropped.find((c) => c.trim().toUpperCase() === "ALL");
      if (lowerAll !== void 0) {
        reports.push({
          path: [...path9, "drop", (drop ?? []).indexOf(lowerAll)],
          message: `${who} drops "${lowerAll}": write it as ALL, the only spelling Pod Security Admission accepts`
        });
        continue;
      }
      reports.push({
        path: [...path9, "drop"],
        message: dropped.length === 0 ? `${who} keeps the runtime's default capabilities: set securityContext.capabilities.drop: [ALL]` : `${who} drops only ${dropped.join(", ")}: drop ALL instead (securityContext.capabilities.drop: [ALL])`
      });
    }
    return reports;
  }
});

// src/k8s/index.ts
var import_fastest_levenshtein2 = __toESM(require_mod(), 1);

// src/k8s/selectors.ts
function labelMap(value) {
  if (!isRecord4(value)) return {};
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  }
  return out;
}
function parseLabelSelector(value) {
  if (!isRecord4(value)) return void 0;
  const matchExpressions = [];
  if (Array.isArray(value.matchExpressions)) {
    for (const item of value.matchExpressions) {
      if (!isRecord4(item) || typeof item.key !== "string") continue;
      const operator = item.operator;
      if (operator !== "In" && operator !== "NotIn" && operator !== "Exists" && operator !== "DoesNotExist") continue;
      const values = Array.isArray(item.values) ? item.values.map(String) : [];
      matchExpressions.push({ key: item.key, operator, values });
    }
  }
  return { matchLabels: labelMap(value.matchLabels), matchExpressions };
}
function parseMapSelector(value) {
  if (!isRecord4(value)) return void 0;
  return { matchLabels: labelMap(value), matchExpressions: [] };
}
function isEmptySelector(selector) {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}
function selectorMatches(selector, labels2) {
  for (const [key3, value] of Object.entries(selector.matchLabels)) {
    if (labels2[key3] !== value) return false;
  }
  for (const req of selector.matchExpressions) {
    const has = Object.hasOwn(labels2, req.key);
    const value = labels2[req.key];
    switch (req.operator) {
      case "In":
        if (!has || value === void 0 || !req.values.includes(value)) return false;
        break;
      case "NotIn":
        if (has && value !== void 0 && req.values.includes(value)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
    }
  }
  return true;
}
function describeSelector(selector) {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const req of selector.matchExpressions) {
    if (req.operator === "Exists") parts.push(req.key);
    else if (req.operator === "DoesNotExist") parts.push(`!${req.key}`);
    else parts.push(`${req.key} ${req.operator === "In" ? "in" : "notin"} (${req.values.join(",")})`);
  }
  return parts.join(",");
}

// src/k8s/index.ts
var FIXED_REPLICAS_ANNOTATION = "kube-lint.io/fixed-replicas";
var UNSET_NAMESPACE = "";
var CLUSTER_SCOPED_KINDS = /* @__PURE__ */ new Set([
  "APIService",
  "CSIDriver",
  "CSINode",
  "CertificateSigningRequest",
  "ClusterIssuer",
  "ClusterRole",
  "ClusterRoleBinding",
  "ComponentStatus",
  "CustomResourceDefinition",
  "FlowSchema",
  "IngressClass",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionPolicyBinding",
  "MutatingWebhookConfiguration",
  "Namespace",
  "Node",
  "PersistentVolume",
  "PodSecurityPolicy",
  "PriorityClass",
  "PriorityLevelConfiguration",
  "RuntimeClass",
  "StorageClass",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ValidatingWebhookConfiguration",
  "VolumeAttachment"
]);
var MOVED_FROM_EXTENSIONS = {
  Deployment: "apps",
  DaemonSet: "apps",
  ReplicaSet: "apps",
  Ingress: "networking.k8s.io",
  NetworkPolicy: "networking.k8s.io",
  PodSecurityPolicy: "policy"
};
function canonicalGroup(kind, group) {
  if (group === "extensions" && kind !== void 0) return MOVED_FROM_EXTENSIONS[kind] ?? group;
  return group;
}
function namespaceOf(object) {
  if (object.kind !== void 0 && CLUSTER_SCOPED_KINDS.has(object.kind)) return UNSET_NAMESPACE;
  return object.namespace ?? UNSET_NAMESPACE;
}
function namespacesMatch(a, b) {
  return a === UNSET_NAMESPACE || b === UNSET_NAMESPACE || a === b;
}
function describeNamespace(namespace) {
  return namespace === UNSET_NAMESPACE ? "any namespace" : `namespace "${namespace}"`;
}
function fixedNameOf(object) {
  const metadata = object.value.metadata;
  if (!isRecord4(metadata)) return void 0;
  const name = metadata.name;
  return typeof name === "string" && name !== "" ? name : typeof name === "number" ? String(name) : void 0;
}
var SEP = "\0";
var key2 = (...parts) => parts.join(SEP);
function identityOf(object) {
  const name = fixedNameOf(object);
  if (object.kind === void 0 || name === void 0) return void 0;
  return key2(canonicalGroup(object.kind, apiGroupOf(object.apiVersion)), object.kind, namespaceOf(object), name);
}
function stringAt(value, path9) {
  const found = getPath(value, path9);
  return typeof found === "string" && found !== "" ? found : void 0;
}
function targetRef(value, path9, defaults = {}) {
  if (!isRecord4(value)) return void 0;
  const kind = typeof value.kind === "string" && value.kind !== "" ? value.kind : defaults.kind;
  const name = typeof value.name === "string" && value.name !== "" ? value.name : void 0;
  if (kind === void 0 || name === void 0) return void 0;
  const apiVersion = typeof value.apiVersion === "string" && value.apiVersion !== "" ? value.apiVersion : defaults.apiVersion;
  return { group: apiVersion === void 0 ? void 0 : canonicalGroup(kind, apiGroupOf(apiVersion)), kind, name, path: path9 };
}
function replicasOf(object) {
  const replicas = getPath(object.value, ["spec", "replicas"]);
  if (replicas === void 0 || replicas === null) return 1;
  return typeof replicas === "number" && Number.isInteger(replicas) ? replicas : void 0;
}
function hasReplicasField(object) {
  const replicas = getPath(object.value, ["spec", "replicas"]);
  return replicas !== void 0 && replicas !== null;
}
function isScalableWorkload(object) {
  return isBuiltinKind(object, "Deployment") || isBuiltinKind(object, "StatefulSet");
}
function annotationsOf(object) {
  const annotations2 = getPath(object.value, ["metadata", "annotations"]);
  return isRecord4(annotations2) ? annotations2 : {};
}
function isMarkedFixedSize(object) {
  const value = annotationsOf(object)[FIXED_REPLICAS_ANNOTATION];
  return value === true || typeof value === "string" && value.toLowerCase() === "true";
}
var ACTIVE_VPA_MODES = /* @__PURE__ */ new Set(["Auto", "Recreate", "InPlaceOrRecreate"]);
var CONTROLLER_LABELS = /* @__PURE__ */ new Set([
  "pod-template-hash",
  "controller-revision-hash",
  "statefulset.kubernetes.io/pod-name",
  "apps.kubernetes.io/pod-index",
  "job-name",
  "batch.kubernetes.io/job-name",
  "controller-uid",
  "batch.kubernetes.io/controller-uid",
  "batch.kubernetes.io/job-completion-index"
]);
var POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
function isControllerLabel(key3) {
  return CONTROLLER_LABELS.has(key3);
}
var POD_OPERATOR_KINDS = /* @__PURE__ */ new Set([
  "monitoring.coreos.com/Prometheus",
  "monitoring.coreos.com/PrometheusAgent",
  "monitoring.coreos.com/Alertmanager",
  "monitoring.coreos.com/ThanosRuler"
]);
function isPodOperatorResource(object) {
  const group = apiGroupOf(object.apiVersion);
  if (!group.includes(".") || group.endsWith(".k8s.io")) return false;
  if (POD_OPERATOR_KINDS.has(`${group}/${object.kind ?? ""}`)) return true;
  const replicas = getPath(object.value, ["spec", "replicas"]);
  return typeof replicas === "number" && !CUSTOM_TEMPLATE_PATHS[`${group}/${object.kind ?? ""}`];
}
var CUSTOM_TEMPLATE_PATHS = {
  "argoproj.io/Rollout": ["spec", "template"],
  "apps.kruise.io/CloneSet": ["spec", "template"]
};
function labelMap2(value) {
  if (!isRecord4(value)) return {};
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  }
  return out;
}
function podOfAnyKind(object) {
  const builtin = podSpecOf(object);
  if (builtin) return builtin;
  const template = CUSTOM_TEMPLATE_PATHS[`${apiGroupOf(object.apiVersion)}/${object.kind ?? ""}`];
  if (!template) return void 0;
  const spec = getPath(object.value, [...template, "spec"]);
  if (!isRecord4(spec)) return void 0;
  const metadata = getPath(object.value, [...template, "metadata"]);
  return {
    spec,
    path: [...template, "spec"],
    metadataPath: [...template, "metadata"],
    labels: labelMap2(isRecord4(metadata) ? metadata.labels : void 0),
    annotations: labelMap2(isRecord4(metadata) ? metadata.annotations : void 0)
  };
}
function containersOfEntry(entry, options = {}) {
  if (podSpecOf(entry.object)) return containersOf(entry.object, options);
  const out = [];
  const spec = entry.pod.spec;
  for (const [field, type2] of [
    ["initContainers", "initContainer"],
    ["containers", "container"]
  ]) {
    if (type2 === "initContainer" && options.init === false) continue;
    const list2 = spec[field];
    if (!Array.isArray(list2)) continue;
    list2.forEach((container, index2) => {
      if (!isRecord4(container)) return;
      const name = typeof container.name === "string" && container.name !== "" ? container.name : `#${index2}`;
      out.push({
        container,
        path: [...entry.pod.path, field, index2],
        type: type2,
        name,
        sidecar: type2 === "initContainer" && container.restartPolicy === "Always",
        pod: entry.pod
      });
    });
  }
  return out;
}
function splitSelector(selector) {
  const matchLabels = {};
  let podName;
  for (const [k, v] of Object.entries(selector.matchLabels)) {
    if (!CONTROLLER_LABELS.has(k)) matchLabels[k] = v;
    else if (k === POD_NAME_LABEL) podName = v;
  }
  const matchExpressions = selector.matchExpressions.filter((r) => !CONTROLLER_LABELS.has(r.key));
  return { base: { matchLabels, matchExpressions }, podName };
}
var RunIndex = class {
  objects;
  /** Pod-bearing objects, in run order. */
  pods = [];
  hpas = [];
  pdbs = [];
  /** kind -> metadata.name -> objects, in every namespace. */
  byName = /* @__PURE__ */ new Map();
  /** kind -> namespace -> objects visible from it, built on first use (for hints only). */
  byNamespace = /* @__PURE__ */ new Map();
  podByObject = /* @__PURE__ */ new Map();
  podsByNamespace = /* @__PURE__ */ new Map();
  /** label key -> value -> pods carrying it, in every namespace. */
  labelPostings = /* @__PURE__ */ new Map();
  scalersByTarget = /* @__PURE__ */ new Map();
  generated = /* @__PURE__ */ new Map();
  claimTemplates = /* @__PURE__ */ new Map();
  limitDefaults = /* @__PURE__ */ new Map();
  operatorResources = /* @__PURE__ */ new Map();
  pdbsByPod;
  constructor(objects) {
    this.objects = objects;
    for (const object of objects) this.add(object);
  }
  add(object) {
    const name = fixedNameOf(object);
    const namespace = namespaceOf(object);
    if (name !== void 0 && object.kind !== void 0) push(inner(this.byName, object.kind), name, object);
    const pod = podOfAnyKind(object);
    if (pod) this.addPod({ object, pod, namespace });
    else if (name !== void 0 && isPodOperatorResource(object)) push(this.operatorResources, name, { namespace, value: object });
    const group = apiGroupOf(object.apiVersion);
    const spec = object.value.spec;
    switch (`${group}/${object.kind ?? ""}`) {
      case "autoscaling/HorizontalPodAutoscaler": {
        const target = targetRef(isRecord4(spec) ? spec.scaleTargetRef : void 0, ["spec", "scaleTargetRef"]);
        if (!target || !isRecord4(spec)) break;
        const min = spec.minReplicas;
        const max = spec.maxReplicas;
        const entry = {
          object,
          kind: "HorizontalPodAutoscaler",
          namespace,
          target,
          minReplicas: typeof min === "number" ? min : 1,
          maxReplicas: typeof max === "number" ? max : void 0
        };
        this.hpas.push(entry);
        this.addScaler(entry);
        break;
      }
      case "keda.sh/ScaledObject": {
        const target = targetRef(isRecord4(spec) ? spec.scaleTargetRef : void 0, ["spec", "scaleTargetRef"], {
          kind: "Deployment",
          apiVersion: "apps/v1"
        });
        if (target) this.addScaler({ object, kind: "ScaledObject", namespace, target });
        break;
      }
      case "autoscaling.k8s.io/VerticalPodAutoscaler": {
        const mode = stringAt(spec, ["updatePolicy", "updateMode"]) ?? "Auto";
        const target = targetRef(isRecord4(spec) ? spec.targetRef : void 0, ["spec", "targetRef"]);
        if (target && ACTIVE_VPA_MODES.has(mode)) this.addScaler({ object, kind: "VerticalPodAutoscaler", namespace, target });
        break;
      }
      case "policy/PodDisruptionBudget": {
        let selector = parseLabelSelector(isRecord4(spec) ? spec.selector : void 0);
        if (selector && isEmptySelector(selector) && object.apiVersion === "policy/v1beta1") selector = void 0;
        this.pdbs.push({ object, namespace, selector });
        break;
      }
      case "/LimitRange":
        this.addLimitRange(spec, namespace);
        break;
      case "external-secrets.io/ExternalSecret":
        this.addGenerated("Secret", namespace, stringAt(spec, ["target", "name"]) ?? name, object);
        break;
      case "bitnami.com/SealedSecret":
        this.addGenerated("Secret", namespace, stringAt(spec, ["template", "metadata", "name"]) ?? name, object);
        break;
      case "cert-manager.io/Certificate":
        this.addGenerated("Secret", namespace, stringAt(spec, ["secretName"]), object);
        break;
      case "secrets.hashicorp.com/VaultStaticSecret":
      case "secrets.hashicorp.com/VaultDynamicSecret":
      case "secrets.hashicorp.com/VaultPKISecret":
        this.addGenerated("Secret", namespace, stringAt(spec, ["destination", "name"]), object);
        break;
      case "onepassword.com/OnePasswordItem":
        this.addGenerated("Secret", namespace, name, object);
        break;
      case "apps/StatefulSet":
        for (const template of claimTemplateNames(object)) {
          if (name !== void 0) push(this.claimTemplates, `${template}-${name}`, { namespace, value: object });
        }
        break;
    }
  }
  addPod(entry) {
    this.pods.push(entry);
    this.podByObject.set(entry.object, entry);
    push(this.podsByNamespace, entry.namespace, entry);
    for (const [label, value] of Object.entries(entry.pod.labels)) push(inner(this.labelPostings, label), value, entry);
  }
  addScaler(entry) {
    push(this.scalersByTarget, key2(entry.target.kind, entry.target.name), entry);
  }
  addGenerated(kind, namespace, name, by) {
    if (name !== void 0) push(this.generated, key2(kind, name), { namespace, value: by });
  }
  addLimitRange(spec, namespace) {
    const limits = getPath(spec, ["limits"]);
    if (!Array.isArray(limits)) return;
    for (const limit of limits) {
      if (!isRecord4(limit) || limit.type !== "Container") continue;
      for (const field of ["default", "defaultRequest"]) {
        const values = limit[field];
        if (isRecord4(values)) for (const resource of Object.keys(values)) push(this.limitDefaults, resource, namespace);
      }
    }
  }
  /** Whether the run holds a named object of this kind. */
  hasKind(kind) {
    return this.byName.has(kind);
  }
  /** Objects of this kind and name visible from the namespace; of this API group when given. */
  find(kind, namespace, name, group) {
    return this.findInAnyNamespace(kind, name).filter(
      (o) => namespacesMatch(namespaceOf(o), namespace) && (group === void 0 || canonicalGroup(o.kind, apiGroupOf(o.apiVersion)) === group)
    );
  }
  /** Objects of a kind with this name in every namespace (for "it is in namespace x" hints). */
  findInAnyNamespace(kind, name) {
    return this.byName.get(kind)?.get(name) ?? [];
  }
  /** Named objects of a kind visible from the namespace (for "did you mean" hints). */
  ofKind(kind, namespace) {
    const cache2 = inner(this.byNamespace, kind);
    let visible = cache2.get(namespace);
    if (visible === void 0) {
      visible = [...this.byName.get(kind)?.values() ?? []].flat().filter((o) => namespacesMatch(namespaceOf(o), namespace));
      cache2.set(namespace, visible);
    }
    return visible;
  }
  /**
   * Objects defined more than once: same API group, kind, namespace (compared literally, unset
   * only with unset) and name. Each list is in run order.
   */
  duplicateGroups() {
    const out = [];
    for (const byName of this.byName.values()) {
      for (const list2 of byName.values()) {
        if (list2.length < 2) continue;
        const groups = /* @__PURE__ */ new Map();
        for (const object of list2) {
          const identity = identityOf(object);
          if (identity !== void 0) push(groups, identity, object);
        }
        for (const group of groups.values()) if (group.length > 1) out.push(group);
      }
    }
    return out;
  }
  /** The pod entry of a pod-bearing object. */
  podOf(object) {
    return this.podByObject.get(object);
  }
  /** Pod entries visible from the namespace. */
  podsIn(namespace) {
    if (namespace === UNSET_NAMESPACE) return this.pods;
    const own = this.podsByNamespace.get(namespace) ?? [];
    const unset = this.podsByNamespace.get(UNSET_NAMESPACE) ?? [];
    return unset.length === 0 ? own : [...own, ...unset];
  }
  /**
   * Pod entries visible from the namespace that carry this label; undefined when more than
   * `limit` pods of the run carry it (a label that common tells pods apart poorly).
   */
  podsWithLabel(namespace, label, value, limit = Infinity) {
    const all = this.labelPostings.get(label)?.get(value) ?? [];
    if (all.length > limit) return void 0;
    return all.filter((e) => namespacesMatch(e.namespace, namespace));
  }
  /**
   * Pod entries visible from the namespace whose labels the selector matches. Label postings pick
   * the candidates, so many Services and workloads stay linear. Requirements on labels that
   * controllers add to pods (pod-template-hash, statefulset.kubernetes.io/pod-name, ...) are
   * taken as met; a pod-name value must name a pod of the StatefulSet (`<name>-<ordinal>`).
   */
  podsSelectedBy(namespace, selector) {
    const { base, podName } = splitSelector(selector);
    let candidates;
    for (const [label, value] of Object.entries(base.matchLabels)) {
      const list2 = this.labelPostings.get(label)?.get(value) ?? [];
      if (candidates === void 0 || list2.length < candidates.length) candidates = list2;
      if (candidates.length === 0) return [];
    }
    if (candidates === void 0) {
      for (const requirement of base.matchExpressions) {
        const values = this.labelPostings.get(requirement.key);
        if (requirement.operator === "Exists") candidates = [...values?.values() ?? []].flat();
        else if (requirement.operator === "In") candidates = [...new Set(requirement.values.flatMap((v) => values?.get(v) ?? []))];
        else continue;
        break;
      }
    }
    const ordinal = podName === void 0 ? void 0 : /^(.+)-[0-9]+$/.exec(podName)?.[1];
    return (candidates ?? this.podsIn(namespace)).filter(
      (entry) => namespacesMatch(entry.namespace, namespace) && selectorMatches(base, entry.pod.labels) && (podName === void 0 || isBuiltinKind(entry.object, "StatefulSet") && fixedNameOf(entry.object) === ordinal)
    );
  }
  /** Autoscalers (HPA, KEDA ScaledObject, active VPA) whose target is this object. */
  scalersOf(object) {
    const name = fixedNameOf(object);
    if (object.kind === void 0 || name === void 0) return [];
    const group = canonicalGroup(object.kind, apiGroupOf(object.apiVersion));
    const namespace = namespaceOf(object);
    const scalers = this.scalersByTarget.get(key2(object.kind, name)) ?? [];
    return scalers.filter((s) => namespacesMatch(s.namespace, namespace) && (s.target.group === void 0 || s.target.group === group));
  }
  /** HorizontalPodAutoscalers whose scaleTargetRef is this object. */
  hpasOf(object) {
    return this.scalersOf(object).filter((s) => s.kind === "HorizontalPodAutoscaler");
  }
  /** The objects an autoscaler's target reference resolves to. */
  targetsOf(scaler) {
    return this.find(scaler.target.kind, scaler.namespace, scaler.target.name, scaler.target.group);
  }
  /** PodDisruptionBudgets whose selector matches the pod template of this entry. */
  pdbsSelecting(entry) {
    if (!this.pdbsByPod) {
      const map2 = /* @__PURE__ */ new Map();
      for (const pdb of this.pdbs) {
        if (!pdb.selector) continue;
        for (const pod of this.podsSelectedBy(pdb.namespace, pdb.selector)) push(map2, pod, pdb);
      }
      this.pdbsByPod = map2;
    }
    return this.pdbsByPod.get(entry) ?? [];
  }
  /** Defined objects of a core kind (ConfigMap, Secret, ...) with this name, visible from the namespace. */
  defined(kind, namespace, name) {
    return this.find(kind, namespace, name, "");
  }
  /** What creates an object of this name when the run does not define it (ExternalSecret, ...). */
  generatorOf(kind, namespace, name) {
    const direct = (this.generated.get(key2(kind, name)) ?? []).find((g) => namespacesMatch(g.namespace, namespace));
    if (direct) return direct.value;
    if (kind !== "PersistentVolumeClaim") return void 0;
    const prefix = /^(.+)-[0-9]+$/.exec(name)?.[1];
    if (prefix === void 0) return void 0;
    return (this.claimTemplates.get(prefix) ?? []).find((g) => namespacesMatch(g.namespace, namespace))?.value;
  }
  /**
   * A custom resource visible from the namespace, named like one of the values (the way operators
   * label the pods they run: `prometheus: k8s`, `app.kubernetes.io/instance: main`).
   */
  operatorResourceNamed(namespace, values) {
    for (const value of values) {
      const found = (this.operatorResources.get(value) ?? []).find((p) => namespacesMatch(p.namespace, namespace));
      if (found) return found.value;
    }
    return void 0;
  }
  /** True when a LimitRange visible from the namespace gives containers a default for this resource. */
  hasLimitRangeDefault(namespace, resource) {
    return (this.limitDefaults.get(resource) ?? []).some((ns) => namespacesMatch(ns, namespace));
  }
};
var SIMILAR_NAME_LIMIT = 250;
function similarName(name, objects) {
  if (objects.length > SIMILAR_NAME_LIMIT) return void 0;
  let best;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const object of objects) {
    const candidate = fixedNameOf(object);
    if (candidate === void 0 || candidate === name) continue;
    const d = (0, import_fastest_levenshtein2.distance)(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
function inner(map2, k) {
  let found = map2.get(k);
  if (!found) {
    found = /* @__PURE__ */ new Map();
    map2.set(k, found);
  }
  return found;
}
function push(map2, k, value) {
  const list2 = map2.get(k);
  if (list2) list2.push(value);
  else map2.set(k, [value]);
}
var cache = /* @__PURE__ */ new WeakMap();
function runIndexOf(objects) {
  let index2 = cache.get(objects);
  if (!index2) {
    index2 = new RunIndex(objects);
    cache.set(objects, index2);
  }
  return index2;
}
function readWriteOnceClaim(index2, entry) {
  const volumes = entry.pod.spec.volumes;
  if (!Array.isArray(volumes)) return void 0;
  for (const volume of volumes) {
    const claimName = stringAt(volume, ["persistentVolumeClaim", "claimName"]);
    if (claimName === void 0) continue;
    const claim = index2.defined("PersistentVolumeClaim", entry.namespace, claimName)[0];
    if (!claim) return claimName;
    const modes = getPath(claim.value, ["spec", "accessModes"]);
    if (!Array.isArray(modes) || modes.some((m) => m === "ReadWriteOnce" || m === "ReadWriteOncePod")) return claimName;
  }
  return void 0;
}
function claimTemplateNames(object) {
  const templates = getPath(object.value, ["spec", "volumeClaimTemplates"]);
  if (!Array.isArray(templates)) return [];
  return templates.flatMap((t) => {
    const name = stringAt(t, ["metadata", "name"]);
    return name === void 0 ? [] : [name];
  });
}
function hasReadWriteOnceTemplates(object) {
  const templates = getPath(object.value, ["spec", "volumeClaimTemplates"]);
  if (!Array.isArray(templates)) return false;
  return templates.some((t) => {
    const modes = getPath(t, ["spec", "accessModes"]);
    return !Array.isArray(modes) || modes.some((m) => m === "ReadWriteOnce" || m === "ReadWriteOncePod");
  });
}

// src/k8s/references.ts
var REFERENCED_KINDS = ["ConfigMap", "Secret", "PersistentVolumeClaim", "ServiceAccount"];
function nameOf(value, field = "name") {
  if (!isRecord4(value)) return void 0;
  const name = value[field];
  return typeof name === "string" && name !== "" ? name : void 0;
}
function itemKeys(source, path9) {
  if (!Array.isArray(source.items)) return [];
  const out = [];
  source.items.forEach((item, i) => {
    if (isRecord4(item) && typeof item.key === "string") out.push({ key: item.key, path: [...path9, "items", i, "key"] });
  });
  return out;
}
function podReferences(object, pod = podSpecOf(object), containers = containersOf(object)) {
  if (!pod) return [];
  const out = [];
  const spec = pod.spec;
  for (const ref of containers) {
    const container = ref.container;
    const who = ref.type === "initContainer" ? `init container "${ref.name}"` : `container "${ref.name}"`;
    if (Array.isArray(container.envFrom)) {
      container.envFrom.forEach((source, i) => {
        if (!isRecord4(source)) return;
        for (const [field, kind] of [
          ["configMapRef", "ConfigMap"],
          ["secretRef", "Secret"]
        ]) {
          const target = source[field];
          const name = nameOf(target);
          if (name === void 0 || !isRecord4(target)) continue;
          out.push({
            kind,
            name,
            optional: target.optional === true,
            keys: [],
            path: [...ref.path, "envFrom", i, field, "name"],
            via: `${who} envFrom`
          });
        }
      });
    }
    if (Array.isArray(container.env)) {
      container.env.forEach((variable, i) => {
        if (!isRecord4(variable) || !isRecord4(variable.valueFrom)) return;
        for (const [field, kind] of [
          ["configMapKeyRef", "ConfigMap"],
          ["secretKeyRef", "Secret"]
        ]) {
          const target = variable.valueFrom[field];
          const name = nameOf(target);
          if (name === void 0 || !isRecord4(target)) continue;
          const base = [...ref.path, "env", i, "valueFrom", field];
          out.push({
            kind,
            name,
            optional: target.optional === true,
            keys: typeof target.key === "string" ? [{ key: target.key, path: [...base, "key"] }] : [],
            path: [...base, "name"],
            via: `${who} env ${typeof variable.name === "string" ? `"${variable.name}"` : `#${i}`}`
          });
        }
      });
    }
  }
  if (Array.isArray(spec.volumes)) {
    spec.volumes.forEach((volume, i) => {
      if (!isRecord4(volume)) return;
      const base = [...pod.path, "volumes", i];
      const via = `volume ${typeof volume.name === "string" ? `"${volume.name}"` : `#${i}`}`;
      const configMap = volume.configMap;
      if (isRecord4(configMap) && nameOf(configMap) !== void 0) {
        out.push({
          kind: "ConfigMap",
          name: nameOf(configMap) ?? "",
          optional: configMap.optional === true,
          keys: itemKeys(configMap, [...base, "configMap"]),
          path: [...base, "configMap", "name"],
          via
        });
      }
      const secret = volume.secret;
      if (isRecord4(secret) && nameOf(secret, "secretName") !== void 0) {
        out.push({
          kind: "Secret",
          name: nameOf(secret, "secretName") ?? "",
          optional: secret.optional === true,
          keys: itemKeys(secret, [...base, "secret"]),
          path: [...base, "secret", "secretName"],
          via
        });
      }
      const claim = volume.persistentVolumeClaim;
      if (isRecord4(claim) && nameOf(claim, "claimName") !== void 0) {
        out.push({
          kind: "PersistentVolumeClaim",
          name: nameOf(claim, "claimName") ?? "",
          optional: false,
          keys: [],
          path: [...base, "persistentVolumeClaim", "claimName"],
          via
        });
      }
      const projected = volume.projected;
      if (isRecord4(projected) && Array.isArray(projected.sources)) {
        projected.sources.forEach((source, j) => {
          if (!isRecord4(source)) return;
          for (const [field, kind] of [
            ["configMap", "ConfigMap"],
            ["secret", "Secret"]
          ]) {
            const target = source[field];
            const name = nameOf(target);
            if (name === void 0 || !isRecord4(target)) continue;
            const sourcePath = [...base, "projected", "sources", j, field];
            out.push({
              kind,
              name,
              optional: target.optional === true,
              keys: itemKeys(target, sourcePath),
              path: [...sourcePath, "name"],
              via: `${via} (projected)`
            });
          }
        });
      }
    });
  }
  const account = nameOf(spec, "serviceAccountName") ?? nameOf(spec, "serviceAccount");
  if (account !== void 0) {
    const field = nameOf(spec, "serviceAccountName") !== void 0 ? "serviceAccountName" : "serviceAccount";
    out.push({ kind: "ServiceAccount", name: account, optional: false, keys: [], path: [...pod.path, field], via: field });
  }
  if (Array.isArray(spec.imagePullSecrets)) {
    spec.imagePullSecrets.forEach((entry, i) => {
      const name = nameOf(entry);
      if (name === void 0) return;
      out.push({
        kind: "Secret",
        name,
        optional: false,
        keys: [],
        path: [...pod.path, "imagePullSecrets", i, "name"],
        via: "imagePullSecrets"
      });
    });
  }
  return out;
}

// rules/dangling-reference.ts
var DEFAULT_IGNORED = ["kube-root-ca.crt", "istio-ca-root-cert"];
function globToRegExp(pattern) {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}
function providedKeys(object) {
  const value = object.value;
  if (value.type === "kubernetes.io/service-account-token") return void 0;
  const fields = object.kind === "Secret" ? ["data", "stringData"] : ["data", "binaryData"];
  const maps = fields.map((f) => value[f]).filter(isRecord4);
  if (maps.length === 0) return void 0;
  return new Set(maps.flatMap((m) => Object.keys(m)));
}
function hintFor(index2, ref, namespace) {
  const elsewhere = index2.findInAnyNamespace(ref.kind, ref.name).find((o) => !namespacesMatch(namespaceOf(o), namespace));
  if (elsewhere) return `one exists in namespace "${namespaceOf(elsewhere)}", but a pod can use only its own namespace's`;
  const sameKind = index2.ofKind(ref.kind, namespace);
  const near = similarName(ref.name, sameKind);
  if (near !== void 0) return `did you mean "${near}"?`;
  const canBeOptional = ref.kind === "ConfigMap" || ref.kind === "Secret" && ref.via !== "imagePullSecrets";
  return canBeOptional ? "define it, fix the name, or mark the reference optional: true" : "define it or fix the name";
}
var dangling_reference_default = defineRule({
  id: "dangling-reference",
  meta: {
    description: "ConfigMaps, Secrets, PersistentVolumeClaims and ServiceAccounts that pods refer to are defined",
    category: "correctness",
    defaultSeverity: "warning",
    presets: ["strict"],
    scope: "run",
    rationale: "A pod that refers to a ConfigMap, Secret or PersistentVolumeClaim that does not exist never starts (CreateContainerConfigError, or Pending with FailedMount), and a missing ServiceAccount stops the controller from creating pods at all. A missing key in an existing ConfigMap or Secret fails the same way. These surface only at deploy time, often in one environment only. Read: envFrom, env valueFrom (configMapKeyRef, secretKeyRef), volumes (configMap, secret, projected, persistentVolumeClaim), serviceAccountName and imagePullSecrets of every pod-bearing kind, CronJobs included, in the pod's namespace (an object without metadata.namespace matches any namespace, since it goes wherever the manifests are applied). Not reported: references marked optional: true; the `default` ServiceAccount; names in ignoreNames (by default kube-root-ca.crt, which Kubernetes publishes in every namespace, and istio-ca-root-cert); Secrets that an ExternalSecret, SealedSecret, cert-manager Certificate, Vault Secrets Operator or 1Password item among the linted objects creates; and claims a StatefulSet's volumeClaimTemplates create (`<template>-<statefulset>-<ordinal>`). Key checks skip ConfigMaps and Secrets that hold no data in the manifest.",
    remediation: "Add the missing object to the manifests (or lint it together with them), fix the name or key, or mark the reference optional: true when the pod can start without it. For objects created outside the manifests, list their names in ignoreNames or leave their kind out of kinds.",
    options: {
      properties: {
        kinds: {
          type: "array",
          items: { enum: [...REFERENCED_KINDS] },
          uniqueItems: true,
          description: "Kinds of reference to check. Leave out Secret when Secrets are created outside the manifests (by a vault, by hand)."
        },
        ignoreNames: {
          type: "array",
          items: { type: "string" },
          description: "Names that exist outside the manifests; `*` matches any characters (e.g. `regcred`, `*-tls`)."
        },
        checkKeys: {
          type: "boolean",
          description: "Also report env key references and volume items naming a key the referenced ConfigMap or Secret does not have."
        }
      }
    },
    defaults: { kinds: [...REFERENCED_KINDS], ignoreNames: DEFAULT_IGNORED, checkKeys: true }
  },
  checkRun({ objects, options }) {
    const index2 = runIndexOf(objects);
    const kinds2 = new Set(options.kinds);
    const ignored = options.ignoreNames.map(globToRegExp);
    const reports = [];
    for (const entry of index2.pods) {
      const { object, namespace } = entry;
      for (const ref of podReferences(object, entry.pod, containersOfEntry(entry))) {
        if (!kinds2.has(ref.kind) || ref.optional) continue;
        if (ref.kind === "ServiceAccount" && ref.name === "default") continue;
        if (ignored.some((re) => re.test(ref.name))) continue;
        if (ref.kind === "PersistentVolumeClaim" && claimTemplateNames(object).includes(ref.name)) continue;
        const defined = index2.defined(ref.kind, namespace, ref.name)[0];
        if (!defined) {
          if (index2.generatorOf(ref.kind, namespace, ref.name) !== void 0) continue;
          reports.push({
            object,
            path: ref.path,
            message: `${ref.via} of ${describeObject(object)} refers to ${ref.kind} "${ref.name}", which is not among the linted objects in ${describeNamespace(namespace)}: ${hintFor(index2, ref, namespace)}`
          });
          continue;
        }
        if (!options.checkKeys || ref.keys.length === 0) continue;
        const keys = providedKeys(defined);
        if (!keys) continue;
        for (const { key: key3, path: path9 } of ref.keys) {
          if (keys.has(key3)) continue;
          const near = closest(key3, [...keys]);
          reports.push({
            object,
            path: path9,
            message: `${ref.via} of ${describeObject(object)} needs key "${key3}" of ${describeObject(defined)}, which has no such key: ${near !== void 0 ? `did you mean "${near}"?` : "add the key or fix the reference"}`
          });
        }
      }
    }
    return reports;
  }
});

// src/schema/unknown.ts
function compareApiVersions(a, b) {
  const rank = (api) => {
    const version = api.split("/").pop() ?? api;
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
    if (!m) return [3, 0, 0];
    return [m[2] === void 0 ? 0 : m[2] === "beta" ? 1 : 2, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [a1, a2, a3] = rank(a);
  const [b1, b2, b3] = rank(b);
  return a1 - b1 || a2 - b2 || a3 - b3 || (a < b ? -1 : a > b ? 1 : 0);
}
function isBuiltinGroup(group, registry) {
  if (group === "" || group.endsWith(".k8s.io") || !group.includes(".")) return true;
  return Object.keys(kindsOf(registry.kubernetesVersion)).some((api) => groupOf(api) === group);
}
function quoteList(items) {
  return items.map((i) => `"${i}"`).join(", ");
}
function explainUnknown(registry, apiVersion, kind) {
  const target = registry.kubernetesVersion;
  const group = groupOf(apiVersion);
  const known = registry.knownKinds();
  const kindLower = kind.toLowerCase();
  const crdVersions = registry.crdVersions(group, kind).filter((r) => r.version.served);
  if (crdVersions.length > 0) {
    const served = crdVersions.map((r) => `${group}/${r.version.name}`).sort(compareApiVersions);
    return {
      path: ["apiVersion"],
      message: `${kind} is not served as ${apiVersion}: its CustomResourceDefinition serves ${quoteList(served)}`
    };
  }
  const sameKind = known.filter((k) => k.kind === kind || k.source === "catalog" && k.kind === kindLower);
  const groupKnown = known.some((k) => groupOf(k.apiVersion) === group);
  const inGroup = sameKind.filter((k) => groupOf(k.apiVersion) === group);
  if (inGroup.length > 0 || !groupKnown && sameKind.length > 0) {
    const apis = [...new Set((inGroup.length > 0 ? inGroup : sameKind).map((k) => k.apiVersion))].sort(compareApiVersions);
    const choice = inGroup.length > 0 ? apis[0] : closest(apiVersion, apis) ?? apis[0];
    if (choice !== void 0) {
      return {
        path: ["apiVersion"],
        message: `${kind} is not served as ${apiVersion} by Kubernetes ${target}: use apiVersion "${choice}"`
      };
    }
  }
  const removed = deprecationEntries().filter((e) => e.component === "k8s" && e.kind === kind && e.removedIn !== void 0 && compareVersions(e.removedIn, target) <= 0).sort((a, b) => compareVersions(b.removedIn ?? "", a.removedIn ?? ""))[0];
  if (removed && !known.some((k) => k.kind === kind)) {
    const use = removed.replacement !== void 0 ? `use ${removed.replacement}` : "it has no replacement";
    return {
      path: ["kind"],
      message: `${kind} is not served by Kubernetes ${target}: ${removed.apiVersion ?? ""} ${kind} was removed in ${removed.removedIn ?? ""} (${use})`
    };
  }
  const otherVersions = bundleIndex().versions.filter((v) => v !== target && kindDefinition(v, apiVersion, kind) !== void 0);
  if (otherVersions.length > 0) {
    const later = otherVersions.filter((v) => compareVersions(v, target) > 0);
    const when = later.length > 0 ? `it is served from Kubernetes ${later[0] ?? ""}` : `it was last served by Kubernetes ${otherVersions[otherVersions.length - 1] ?? ""}`;
    return {
      path: ["apiVersion"],
      message: `${apiVersion} ${kind} is not served by Kubernetes ${target}: ${when}; set --kubernetes-version or change the apiVersion`
    };
  }
  const kindsOfApi = known.filter((k) => k.apiVersion === apiVersion).map((k) => k.kind);
  if (kindsOfApi.length > 0) {
    const near = closest(kind, kindsOfApi);
    if (near !== void 0) return { path: ["kind"], message: `unknown kind "${kind}" in ${apiVersion} (did you mean "${near}"?)` };
  }
  const allKinds = [...new Set(known.filter((k) => k.source !== "catalog").map((k) => k.kind))];
  const nearKind = closest(kind, allKinds);
  if (nearKind !== void 0 && nearKind !== kind) {
    const apis = [...new Set(known.filter((k) => k.kind === nearKind).map((k) => k.apiVersion))].sort(compareApiVersions);
    const api = apis.find((a) => groupOf(a) === group) ?? apis[0] ?? "";
    return { path: ["kind"], message: `unknown kind "${kind}" in ${apiVersion} (did you mean "${nearKind}" in ${api}?)` };
  }
  if (!isBuiltinGroup(group, registry)) {
    return {
      path: ["kind"],
      message: `no schema for ${apiVersion} ${kind}: pass its CustomResourceDefinition with --crd or a schema folder with --schemas, or use --ignore-missing-schemas`
    };
  }
  return { path: ["kind"], message: `${apiVersion} ${kind} is not a kind Kubernetes ${target} serves: check the apiVersion and kind` };
}

// src/schema/deprecations.ts
function groupOf2(apiVersion) {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}
function matches(entry, apiVersion, kind) {
  if (entry.kind !== void 0 && entry.kind !== kind) return false;
  if (entry.apiVersion !== void 0) return entry.apiVersion === apiVersion;
  return entry.group !== void 0 && entry.group === groupOf2(apiVersion);
}
function deprecationOf(apiVersion, kind, target, entries = deprecationEntries()) {
  for (const entry of entries) {
    if (!matches(entry, apiVersion, kind)) continue;
    if (entry.component !== "k8s") {
      return { entry, state: entry.removedIn !== void 0 ? "removed" : "deprecated" };
    }
    if (entry.removedIn !== void 0 && compareVersions(entry.removedIn, target) <= 0) return { entry, state: "removed" };
    if (entry.deprecatedIn !== void 0 && compareVersions(entry.deprecatedIn, target) <= 0) return { entry, state: "deprecated" };
  }
  return void 0;
}
function stability(apiVersion) {
  const version = apiVersion.split("/").pop() ?? apiVersion;
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!m) return [3, 0, 0];
  return [m[2] === void 0 ? 0 : m[2] === "beta" ? 1 : 2, -Number(m[1]), -Number(m[3] ?? 0)];
}
function replacementFor(entry, kind, target) {
  const replacement = entry.replacement;
  if (replacement === void 0 || entry.component !== "k8s") return replacement;
  const group = groupOf2(replacement);
  const served = Object.keys(kindsOf(target)).filter((api) => groupOf2(api) === group && kindDefinition(target, api, kind) !== void 0);
  served.sort((a, b) => {
    const [a1, a2, a3] = stability(a);
    const [b1, b2, b3] = stability(b);
    return a1 - b1 || a2 - b2 || a3 - b3;
  });
  return served[0] ?? replacement;
}

// rules/deprecated-api.ts
var deprecated_api_default = defineRule({
  id: "deprecated-api",
  meta: {
    description: "apiVersions are still served by the target Kubernetes version and not deprecated",
    category: "reliability",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "object",
    rationale: "An apiVersion removed from the target Kubernetes version is rejected by the API server, which breaks deploys and upgrades; a deprecated one will be removed in a later release. Each finding is an error when the apiVersion is removed in the target version and a warning when it is only deprecated (unless the rule's severity is set in the config). Data: pluto's versions.yaml cross-checked with the bundled schemas, and the deprecated flag of versions in CustomResourceDefinitions.",
    remediation: "Move the manifest to the replacement apiVersion the message names (kubectl convert can help), adjusting fields that changed between versions. Check the target with --kubernetes-version.",
    defaults: {}
  },
  check({ object, env }) {
    const { apiVersion, kind } = object;
    if (apiVersion === void 0 || kind === void 0) return [];
    const target = env.kubernetesVersion;
    const deprecation = deprecationOf(apiVersion, kind, target);
    if (deprecation) {
      const { entry, state } = deprecation;
      const replacement = replacementFor(entry, kind, target);
      const use2 = replacement !== void 0 ? `use apiVersion "${replacement}"` : "it has no replacement: remove it or migrate away from it";
      if (entry.component !== "k8s") {
        const when = state === "removed" ? `was removed in ${entry.component} ${entry.removedIn ?? ""}` : `is deprecated since ${entry.component} ${entry.deprecatedIn ?? ""}`;
        return [{ path: ["apiVersion"], message: `${apiVersion} ${kind} ${when}: ${use2}`, severity: "warning" }];
      }
      if (state === "removed") {
        const since = entry.deprecatedIn !== void 0 ? ` (deprecated since ${entry.deprecatedIn})` : "";
        return [
          {
            path: ["apiVersion"],
            message: `${apiVersion} ${kind} was removed in Kubernetes ${entry.removedIn ?? ""}${since}: ${use2}`,
            severity: "error"
          }
        ];
      }
      const removal = entry.removedIn !== void 0 ? ` and is removed in ${entry.removedIn}` : "";
      const later = entry.replacementAvailableIn !== void 0 && compareVersions(entry.replacementAvailableIn, target) > 0 ? ` (served from Kubernetes ${entry.replacementAvailableIn})` : "";
      return [
        {
          path: ["apiVersion"],
          message: `${apiVersion} ${kind} is deprecated since Kubernetes ${entry.deprecatedIn ?? ""}${removal}: ${use2}${later}`,
          severity: "warning"
        }
      ];
    }
    const crd = registryFor(env).crd(apiVersion, kind);
    if (!crd) return [];
    const group = crd.info.group;
    const alternatives = crd.info.versions.filter((v) => v.served && !v.deprecated).map((v) => `${group}/${v.name}`).sort(compareApiVersions);
    const use = alternatives.length > 0 ? `use apiVersion "${alternatives[0] ?? ""}"` : "check the CRD for a served version";
    if (!crd.version.served) {
      return [
        {
          path: ["apiVersion"],
          message: `${apiVersion} ${kind} is not served: its CustomResourceDefinition has served: false for ${crd.version.name}; ${use}`,
          severity: "error"
        }
      ];
    }
    if (crd.version.deprecated) {
      const warning = crd.version.deprecationWarning !== void 0 ? `"${crd.version.deprecationWarning}"` : "deprecated";
      const report = {
        path: ["apiVersion"],
        message: `${apiVersion} ${kind} is deprecated by its CustomResourceDefinition (${warning}): ${use}`,
        severity: "warning"
      };
      return [report];
    }
    return [];
  }
});

// rules/duplicate-resource.ts
import path3 from "node:path";
function placeOf(object, from) {
  const item = object.basePath[0] === "items" && typeof object.basePath[1] === "number" ? `item ${object.basePath[1] + 1} of ` : "";
  const where = `${item}document ${object.document.index + 1}`;
  return object.filePath === from.filePath ? `${where} of this file` : `${object.filePath} (${where})`;
}
function groupByFolder(objects) {
  const groups = /* @__PURE__ */ new Map();
  for (const object of objects) {
    const folder = path3.posix.dirname(object.filePath);
    const group = groups.get(folder);
    if (group) group.push(object);
    else groups.set(folder, [object]);
  }
  return [...groups.values()];
}
var duplicate_resource_default = defineRule({
  id: "duplicate-resource",
  meta: {
    description: "No object (group, kind, namespace, name) is defined twice in the linted files",
    category: "correctness",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "run",
    rationale: "Two manifests for the same object overwrite each other: `kubectl apply` keeps whichever comes last, so a change made in the first copy silently never reaches the cluster, and GitOps tools report the object as out of sync or refuse to sync. Objects are the same when API group, kind, namespace and metadata.name agree (namespaces must be written the same, an unset one matching only an unset one; cluster-scoped kinds ignore the namespace; extensions/v1beta1 and apps/v1 Deployments are the same object). Objects with only generateName are never duplicates. The second and later copies are reported. Lint each rendered application (or each kustomize overlay) as its own run: a base and its overlays, or several unrelated examples, legitimately repeat names.",
    remediation: "Delete one of the copies, or give them different names or namespaces.",
    options: {
      properties: {
        scope: {
          enum: ["run", "folder"],
          description: "Where two definitions count as duplicates: anywhere in the run, or only within one folder (for repositories that keep one variant of an application per folder)."
        }
      }
    },
    defaults: { scope: "run" }
  },
  checkRun({ objects, options }) {
    const index2 = runIndexOf(objects);
    const reports = [];
    for (const all of index2.duplicateGroups()) {
      const groups = options.scope === "run" ? [all] : groupByFolder(all);
      for (const copies of groups) {
        const first = copies[0];
        if (first === void 0) continue;
        for (const object of copies.slice(1)) {
          reports.push({
            object,
            path: ["metadata", "name"],
            message: `${describeObject(object)} is already defined in ${placeOf(first, object)}: remove this copy or rename it`
          });
        }
      }
    }
    return reports;
  }
});

// rules/host-namespaces.ts
var NAMESPACES = [
  {
    field: "hostNetwork",
    what: "so it can reach services bound to the node's localhost, sniff node traffic and escape NetworkPolicy"
  },
  { field: "hostPID", what: "so it sees every process on the node and can read their environment and signal them" },
  { field: "hostIPC", what: "so it can read and write host processes' shared memory" }
];
var host_namespaces_default = defineRule({
  id: "host-namespaces",
  meta: {
    description: "Pods do not share the node's network, process or IPC namespaces (hostNetwork, hostPID, hostIPC)",
    category: "security",
    defaultSeverity: "error",
    presets: ["strict"],
    scope: "object",
    rationale: "Namespaces are what keep a container from seeing the rest of the node. With hostNetwork: true the pod uses the node's network stack: it can connect to anything listening on the node's localhost (the kubelet's read-only port, cloud metadata proxies, other pods' host-bound admin ports), sniff traffic, and NetworkPolicy no longer applies to it. With hostPID: true it sees every process on the node and, as root, can read their environment variables (often secrets), ptrace them or enter their namespaces through /proc. With hostIPC: true it shares System V shared memory and semaphores with host processes. The Baseline Pod Security Standard forbids all three. hostUsers: false (a user namespace for the pod) is the opposite, safe, setting and is not reported.",
    remediation: "Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec (they default to false). To expose a port, use a Service (NodePort or LoadBalancer) instead of the node network. Node agents that truly need a host namespace (CNI plugins, node exporters) can list it in the `allow` option or suppress the finding with a comment saying why.",
    options: {
      properties: {
        allow: {
          type: "array",
          items: { enum: ["hostNetwork", "hostPID", "hostIPC"] },
          uniqueItems: true,
          description: 'Host namespaces that are accepted everywhere, for example ["hostNetwork"].'
        }
      }
    },
    defaults: { allow: [] }
  },
  check({ object, options }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const spec = pod.spec;
    const reports = [];
    for (const { field, what: what2 } of NAMESPACES) {
      if (spec[field] !== true || options.allow.includes(field)) continue;
      reports.push({
        path: [...pod.path, field],
        message: `${describeWorkload(object)} sets ${field}: true, ${what2}: remove it`
      });
    }
    return reports;
  }
});

// rules/host-path.ts
var host_path_default = defineRule({
  id: "host-path",
  meta: {
    description: "Pods do not mount the node's filesystem (hostPath volumes) or bind the node's ports (hostPort)",
    category: "security",
    defaultSeverity: "error",
    presets: ["strict"],
    scope: "object",
    rationale: "A hostPath volume puts a piece of the node's filesystem into the container, outside every isolation Kubernetes provides. Mounting the container runtime socket (/var/run/docker.sock, /run/containerd/containerd.sock) lets the pod start a privileged container: root on the node. /var/lib/kubelet holds every pod's secrets and service account tokens, /etc the node's credentials, and a writable mount can plant files that the node later executes. Even read-only mounts leak data from other tenants, and the pod's data is tied to one node and lost when it moves. A hostPort binds a port on the node's own address: it bypasses NetworkPolicy-style isolation on the node, exposes the pod outside the cluster network, and limits the workload to one pod per node and port. The Baseline Pod Security Standard forbids both.",
    remediation: "Use a volume type that does not reach into the node: emptyDir for scratch space, a PersistentVolumeClaim for data, configMap/secret/projected for configuration. Expose ports through a Service (ClusterIP, NodePort or LoadBalancer) instead of hostPort. For node agents that must read host files (log shippers reading /var/log), list the directory in `allowedPaths`, mount it `readOnly: true`, and keep such agents in a namespace with the privileged profile.",
    options: {
      properties: {
        allowedPaths: {
          type: "array",
          items: { type: "string", pattern: "^/" },
          description: 'Host path prefixes that may be mounted, compared by whole path segments: "/var/log" allows /var/log and /var/log/pods, not /var/logs.'
        },
        hostPorts: { type: "boolean", description: "Also report containers that bind a hostPort." }
      }
    },
    defaults: { allowedPaths: [], hostPorts: true }
  },
  check({ object, options }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const reports = [];
    const workload = describeWorkload(object);
    const volumes = pod.spec.volumes;
    if (Array.isArray(volumes)) {
      volumes.forEach((volume, index2) => {
        if (!isRecord4(volume) || !isRecord4(volume.hostPath)) return;
        const hostPath = typeof volume.hostPath.path === "string" ? volume.hostPath.path : "";
        if (hostPath !== "" && hostPathAllowed(hostPath, options.allowedPaths)) return;
        const name = typeof volume.name === "string" ? volume.name : `#${index2}`;
        const risk = hostPathRisk(hostPath);
        reports.push({
          path: [...pod.path, "volumes", index2, "hostPath"],
          message: `${workload} mounts host path "${hostPath}" as volume "${name}"${risk ? `, ${risk}` : ""}: use an emptyDir, a PersistentVolumeClaim or a configMap instead`
        });
      });
    }
    if (!options.hostPorts) return reports;
    for (const ref of containersOf(object, { ephemeral: true })) {
      const ports = ref.container.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port2, index2) => {
        if (!isRecord4(port2) || typeof port2.hostPort !== "number" || port2.hostPort === 0) return;
        reports.push({
          path: [...ref.path, "ports", index2, "hostPort"],
          message: `${describeContainer(ref)} binds host port ${port2.hostPort} on its node: remove hostPort and expose the port through a Service`
        });
      });
    }
    return reports;
  }
});

// rules/hpa-missing.ts
var hpa_missing_default = defineRule({
  id: "hpa-missing",
  meta: {
    description: "Deployments and StatefulSets are scaled by a HorizontalPodAutoscaler",
    category: "reliability",
    defaultSeverity: "warning",
    presets: ["recommended"],
    scope: "run",
    rationale: "A fixed replica count is sized for one load: too small for a peak (latency, then errors) and too large the rest of the time (wasted requests). A HorizontalPodAutoscaler follows the load between a floor and a ceiling. Not reported: workloads that a HorizontalPodAutoscaler, a KEDA ScaledObject or a VerticalPodAutoscaler in Auto/Recreate mode targets; workloads scaled to 0; workloads that mount a ReadWriteOnce PersistentVolumeClaim (or a claim not among the linted objects) and StatefulSets with ReadWriteOnce volumeClaimTemplates, whose size is tied to their volumes; and workloads annotated `" + FIXED_REPLICAS_ANNOTATION + ': "true"`, the way to say that the size is deliberate (a singleton controller, a licence-bound service).',
    remediation: "Add an autoscaling/v2 HorizontalPodAutoscaler whose scaleTargetRef names the workload (kind, name, apiVersion apps/v1), with minReplicas, maxReplicas and a cpu or memory Utilization target, and give the containers resource requests. If the size is deliberate, annotate the workload `" + FIXED_REPLICAS_ANNOTATION + ': "true"`.',
    options: {
      properties: {
        kinds: {
          type: "array",
          items: { enum: ["Deployment", "StatefulSet"] },
          uniqueItems: true,
          description: "Workload kinds that need an autoscaler."
        }
      }
    },
    defaults: { kinds: ["Deployment", "StatefulSet"] }
  },
  checkRun({ objects, options }) {
    const index2 = runIndexOf(objects);
    const kinds2 = new Set(options.kinds);
    const reports = [];
    for (const entry of index2.pods) {
      const object = entry.object;
      if (!isScalableWorkload(object) || !kinds2.has(object.kind ?? "")) continue;
      if (replicasOf(object) === 0 || isMarkedFixedSize(object)) continue;
      if (index2.scalersOf(object).length > 0) continue;
      if (readWriteOnceClaim(index2, entry) !== void 0 || hasReadWriteOnceTemplates(object)) continue;
      reports.push({
        object,
        path: ["metadata", "name"],
        message: `${describeObject(object)} has no HorizontalPodAutoscaler: add one whose scaleTargetRef names it, or annotate it ${FIXED_REPLICAS_ANNOTATION}: "true" if its size is deliberate`
      });
    }
    return reports;
  }
});

// rules/hpa-replicas.ts
var hpa_replicas_default = defineRule({
  id: "hpa-replicas",
  meta: {
    description: "HPA replica bounds are consistent, and autoscaled workloads leave spec.replicas unset",
    category: "correctness",
    defaultSeverity: "warning",
    presets: ["recommended"],
    scope: "run",
    rationale: "An HPA with minReplicas above maxReplicas is rejected by the API server (or, in older versions, pins the workload at maxReplicas). A workload that sets spec.replicas while an HPA (or a KEDA ScaledObject) manages it has two owners of one number: every `kubectl apply` or GitOps sync resets the replica count to the manifest value, scaling a busy workload down until the autoscaler catches up minutes later.",
    remediation: "Set minReplicas <= maxReplicas. Remove spec.replicas from workloads that an autoscaler manages (on first creation the workload starts at 1 and the HPA raises it to minReplicas at once).",
    options: {
      properties: {
        workloadReplicas: {
          type: "boolean",
          description: "Also report workloads that set spec.replicas while an autoscaler manages them."
        }
      }
    },
    defaults: { workloadReplicas: true }
  },
  checkRun({ objects, options }) {
    const index2 = runIndexOf(objects);
    const reports = [];
    for (const hpa of index2.hpas) {
      if (hpa.maxReplicas !== void 0 && hpa.minReplicas > hpa.maxReplicas) {
        reports.push({
          object: hpa.object,
          path: ["spec", "minReplicas"],
          message: `${describeObject(hpa.object)} has minReplicas ${hpa.minReplicas} above maxReplicas ${hpa.maxReplicas}: lower minReplicas or raise maxReplicas`
        });
      }
    }
    if (!options.workloadReplicas) return reports;
    for (const entry of index2.pods) {
      const object = entry.object;
      if (!hasReplicasField(object)) continue;
      const scaler = index2.scalersOf(object).find((s) => s.kind !== "VerticalPodAutoscaler");
      if (!scaler) continue;
      const replicas = getPath(object.value, ["spec", "replicas"]);
      reports.push({
        object,
        path: ["spec", "replicas"],
        message: `${describeObject(object)} sets replicas: ${String(replicas)} while ${scaler.kind} ${fixedNameOf(scaler.object) ?? ""} manages its size: remove spec.replicas, or every apply resets the count`
      });
    }
    return reports;
  }
});

// rules/hpa-requests.ts
var DEFAULT_METRIC = { resource: "cpu", container: void 0, path: ["spec"], implicit: true };
function utilizationMetrics(hpa) {
  const spec = hpa.value.spec;
  if (!isRecord4(spec)) return [];
  if (hpa.apiVersion === "autoscaling/v1") {
    if (spec.targetCPUUtilizationPercentage === void 0) return [DEFAULT_METRIC];
    return [{ resource: "cpu", container: void 0, path: ["spec", "targetCPUUtilizationPercentage"], implicit: false }];
  }
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) return [DEFAULT_METRIC];
  const out = [];
  spec.metrics.forEach((metric, i) => {
    if (!isRecord4(metric)) return;
    const field = metric.type === "Resource" ? "resource" : metric.type === "ContainerResource" ? "containerResource" : void 0;
    if (field === void 0) return;
    const source = metric[field];
    if (!isRecord4(source) || typeof source.name !== "string") return;
    const base = ["spec", "metrics", i, field];
    let path9;
    if (getPath(source, ["target", "type"]) === "Utilization") path9 = [...base, "target", "averageUtilization"];
    else if (source.targetAverageUtilization !== void 0) path9 = [...base, "targetAverageUtilization"];
    if (path9 === void 0) return;
    const container = field === "containerResource" && typeof source.container === "string" ? source.container : void 0;
    if (field === "containerResource" && container === void 0) return;
    out.push({ resource: source.name, container, path: path9, implicit: false });
  });
  return out;
}
function hasRequest(index2, entry, ref, resource) {
  for (const field of ["requests", "limits"]) {
    const values = getPath(ref.container, ["resources", field]);
    if (isRecord4(values) && values[resource] !== void 0 && values[resource] !== null) return true;
  }
  const podLevel = getPath(entry.pod.spec, ["resources", "requests", resource]);
  return podLevel !== void 0 || index2.hasLimitRangeDefault(entry.namespace, resource);
}
var hpa_requests_default = defineRule({
  id: "hpa-requests",
  meta: {
    description: "An HPA scaling on cpu or memory utilization targets containers that request that resource",
    category: "correctness",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "run",
    rationale: "Utilization is usage divided by the request. When a container of the target has no request for the resource, the HPA cannot compute it (FailedGetResourceMetric: missing request for cpu) and does not scale at all, which is found out under load. The rule reads autoscaling/v2 Resource and ContainerResource metrics with a Utilization target, autoscaling/v2beta1 targetAverageUtilization, and autoscaling/v1 targetCPUUtilizationPercentage; an HPA with no metric scales on 80% CPU utilization by default and is checked as such. A Resource metric needs the request in every container (init containers excluded); a ContainerResource metric only in the container it names, which must exist. A limit without a request counts (the request defaults to the limit), as do pod-level requests and a LimitRange of the namespace with a container default. HPAs whose target is not among the linted objects are left to hpa-target.",
    remediation: "Set resources.requests for the resource on every container of the target (or on the named container for ContainerResource metrics), or scale on an AverageValue target, which needs no request.",
    defaults: {}
  },
  checkRun({ objects }) {
    const index2 = runIndexOf(objects);
    const reports = [];
    for (const hpa of index2.hpas) {
      const target = index2.targetsOf(hpa)[0];
      const entry = target === void 0 ? void 0 : index2.podOf(target);
      if (!target || !entry) continue;
      const containers = containersOfEntry(entry, { init: false });
      for (const metric of utilizationMetrics(hpa.object)) {
        const scope = metric.container === void 0 ? containers : containers.filter((c) => c.name === metric.container);
        const what2 = `${describeObject(hpa.object)} scales on ${metric.resource} utilization${metric.implicit ? " (the default when no metric is set)" : ""}`;
        if (metric.container !== void 0 && scope.length === 0) {
          reports.push({
            object: hpa.object,
            path: metric.path,
            message: `${what2} of container "${metric.container}" but ${describeObject(target)} has no such container: name one of ${containers.map((c) => `"${c.name}"`).join(", ")}`
          });
          continue;
        }
        const missing = scope.filter((c) => !hasRequest(index2, entry, c, metric.resource)).map((c) => `"${c.name}"`);
        if (missing.length === 0) continue;
        const who = missing.length === 1 ? `container ${missing[0] ?? ""} has` : `containers ${missing.join(", ")} have`;
        reports.push({
          object: hpa.object,
          path: metric.path,
          message: `${what2} but ${who} no ${metric.resource} request in ${describeObject(target)}: set resources.requests.${metric.resource}, or use an AverageValue target`
        });
      }
    }
    return reports;
  }
});

// rules/hpa-target.ts
var SCALABLE = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"];
var NOT_SCALABLE = ["DaemonSet", "Job", "CronJob", "Pod"];
function missingTargetMessage(index2, hpa) {
  const { kind, name, group } = hpa.target;
  const head = `${describeObject(hpa.object)} scales ${kind} "${name}"`;
  const namePath = ["spec", "scaleTargetRef", "name"];
  const scalable = SCALABLE.filter((k) => k !== kind).flatMap((k) => index2.find(k, hpa.namespace, name))[0];
  if (scalable) {
    return {
      path: ["spec", "scaleTargetRef", "kind"],
      message: `${head} but the linted workload of that name is a ${scalable.kind ?? ""}: set scaleTargetRef.kind to ${scalable.kind ?? ""}`
    };
  }
  const otherGroup = index2.find(kind, hpa.namespace, name)[0];
  if (otherGroup) {
    return {
      path: ["spec", "scaleTargetRef", "apiVersion"],
      message: `${head} with apiVersion in group "${group ?? ""}" but ${describeObject(otherGroup)} is ${otherGroup.apiVersion ?? ""}: set scaleTargetRef.apiVersion to ${otherGroup.apiVersion ?? ""}`
    };
  }
  const elsewhere = index2.findInAnyNamespace(kind, name).find((o) => !namespacesMatch(namespaceOf(o), hpa.namespace));
  if (elsewhere) {
    return {
      path: namePath,
      message: `${head} but ${describeObject(elsewhere)} is in namespace "${namespaceOf(elsewhere)}", not "${hpa.namespace}": an HPA scales only workloads of its own namespace`
    };
  }
  const sameKind = index2.ofKind(kind, hpa.namespace);
  const near = similarName(name, sameKind);
  return {
    path: namePath,
    message: `${head} but no such ${kind} is among the linted objects in ${describeNamespace(hpa.namespace)}: ${near !== void 0 ? `did you mean "${near}"?` : "fix scaleTargetRef or lint the HPA together with its workload"}`
  };
}
var hpa_target_default = defineRule({
  id: "hpa-target",
  meta: {
    description: "A HorizontalPodAutoscaler targets a scalable workload that exists",
    category: "correctness",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "run",
    rationale: "An HPA whose scaleTargetRef names a workload that does not exist (a typo, a renamed Deployment, the wrong kind or namespace) does nothing: it reports FailedGetScale and the workload never scales. An HPA aimed at a DaemonSet, Job or CronJob fails the same way, since these kinds cannot be scaled. The target is matched by kind, name and namespace (the HPA's own; an object without metadata.namespace matches any namespace, since it goes wherever the manifests are applied), and by API group when scaleTargetRef.apiVersion is set (extensions and apps count as one group for Deployments). An HPA linted without any workload in the run is not judged.",
    remediation: "Set scaleTargetRef to the apiVersion, kind and metadata.name of a Deployment, StatefulSet, ReplicaSet or scalable custom resource in the HPA's namespace, and lint them together.",
    defaults: {}
  },
  checkRun({ objects }) {
    const index2 = runIndexOf(objects);
    const reports = [];
    for (const hpa of index2.hpas) {
      const targets = index2.targetsOf(hpa);
      const target = targets[0];
      if (target === void 0) {
        const runHasTargetKind = index2.pods.length > 0 || index2.hasKind(hpa.target.kind);
        if (runHasTargetKind) reports.push({ object: hpa.object, ...missingTargetMessage(index2, hpa) });
        continue;
      }
      const notScalable = NOT_SCALABLE.find((kind) => isBuiltinKind(target, kind));
      if (notScalable !== void 0) {
        reports.push({
          object: hpa.object,
          path: ["spec", "scaleTargetRef", "kind"],
          message: `${describeObject(hpa.object)} scales ${describeObject(target)}, which cannot be scaled: target a Deployment or StatefulSet, or remove the HPA`
        });
      }
    }
    return reports;
  }
});

// src/k8s/image.ts
var DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
function parseImage(image) {
  let rest = image.trim();
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.indexOf(":", lastSlash + 1);
  const ref = { repository: colon >= 0 ? rest.slice(0, colon) : rest };
  if (colon >= 0) ref.tag = rest.slice(colon + 1);
  if (digest !== void 0) ref.digest = digest;
  return ref;
}
function isValidDigest(digest) {
  return DIGEST.test(digest);
}

// rules/image-tag.ts
var image_tag_default = defineRule({
  id: "image-tag",
  meta: {
    description: "Container images are pinned to a version or digest, never latest or untagged",
    category: "reliability",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "object",
    rationale: "An image without a tag means `latest`, and `latest` (like any floating tag) points at different code over time: two replicas of one Deployment can run different builds, a rollback redeploys whatever is newest, and the cluster pulls on every start (imagePullPolicy defaults to Always for latest).",
    remediation: "Use an immutable version tag (nginx:1.27.2) or a digest (nginx@sha256:...). With requireDigest, pin every image by digest.",
    options: {
      properties: {
        requireDigest: { type: "boolean", description: "Require every image to be pinned by digest (`@sha256:...`), tag or not." },
        disallowedTags: {
          type: "array",
          items: { type: "string" },
          description: "Tags treated as floating, compared case-insensitively."
        }
      }
    },
    defaults: { requireDigest: false, disallowedTags: ["latest"] }
  },
  check({ object, options }) {
    const floating = new Set(options.disallowedTags.map((t) => t.toLowerCase()));
    const reports = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      const image = ref.container.image;
      if (typeof image !== "string" || image.trim() === "") continue;
      const path9 = [...ref.path, "image"];
      const who = describeContainer(ref);
      const { tag, digest } = parseImage(image);
      if (digest !== void 0) {
        if (!isValidDigest(digest)) {
          reports.push({
            path: path9,
            message: `${who} uses image "${image}" with a malformed digest: use @sha256: followed by the 64-character hex digest`
          });
        }
        continue;
      }
      if (options.requireDigest) {
        reports.push({
          path: path9,
          message: `${who} uses image "${image}" without a digest: pin it by digest (${image.split("@")[0] ?? image}@sha256:...)`
        });
        continue;
      }
      if (tag === void 0 || tag === "") {
        reports.push({ path: path9, message: `${who} uses image "${image}" with no tag, which means latest: pin a version or digest` });
      } else if (floating.has(tag.toLowerCase())) {
        reports.push({ path: path9, message: `${who} uses image "${image}": the "${tag}" tag floats, pin a version or digest` });
      }
    }
    return reports;
  }
});

// rules/incomplete-object.ts
var incomplete_object_default = defineRule({
  id: "incomplete-object",
  meta: {
    description: "Every object has apiVersion, kind and metadata.name",
    category: "correctness",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "builtin",
    rationale: "The API server cannot route an object without apiVersion and kind, and rejects one without a name (or generateName). YAML with neither apiVersion nor kind is not a Kubernetes object and is skipped, not reported.",
    remediation: "Add the missing apiVersion, kind or metadata.name.",
    defaults: {}
  }
});

// src/k8s/probes.ts
var PROBE_FIELDS = ["livenessProbe", "readinessProbe", "startupProbe"];
function portReferencesOf(ref) {
  const out = [];
  const container = ref.container;
  const handlers = PROBE_FIELDS.map((field) => [
    field,
    container[field],
    [...ref.path, field],
    ["httpGet", "tcpSocket", "grpc"]
  ]);
  const lifecycle = container.lifecycle;
  if (isRecord4(lifecycle)) {
    for (const hook of ["postStart", "preStop"]) {
      handlers.push([`lifecycle.${hook}`, lifecycle[hook], [...ref.path, "lifecycle", hook], ["httpGet", "tcpSocket"]]);
    }
  }
  for (const [handler, value, path9, actions] of handlers) {
    if (!isRecord4(value)) continue;
    for (const action of actions) {
      const spec = value[action];
      if (!isRecord4(spec)) continue;
      const port2 = spec.port;
      if (typeof port2 !== "number" && typeof port2 !== "string") continue;
      const host = spec.host;
      out.push({
        handler,
        action,
        port: port2,
        path: [...path9, action, "port"],
        otherHost: typeof host === "string" && host !== "" && host !== "localhost" && host !== "127.0.0.1"
      });
    }
  }
  return out;
}
function numericPort(port2) {
  if (typeof port2 === "number") return port2;
  return /^\d+$/.test(port2.trim()) ? Number(port2.trim()) : void 0;
}
function declaredPorts(ref) {
  const ports = ref.container.ports;
  if (!Array.isArray(ports)) return [];
  const out = [];
  for (const entry of ports) {
    if (!isRecord4(entry)) continue;
    const number = typeof entry.containerPort === "number" ? entry.containerPort : numericPort(String(entry.containerPort));
    if (number === void 0) continue;
    out.push({ name: typeof entry.name === "string" && entry.name !== "" ? entry.name : void 0, containerPort: number });
  }
  return out;
}
function describePorts(ports) {
  return ports.map((p) => p.name ? `${p.name} (${p.containerPort})` : String(p.containerPort)).join(", ");
}
function longRunningContainersOf(object) {
  if (!isLongRunning(object)) return [];
  return containersOf(object).filter((ref) => {
    if (ref.type === "initContainer" && !ref.sidecar) return false;
    const policy = ref.pod.spec.restartPolicy;
    return policy === void 0 || policy === "Always";
  });
}

// src/k8s/secrets.ts
var MASK = "****";
function maskSecret(secret, publicPrefix = 0) {
  return `${secret.slice(0, Math.max(0, Math.min(publicPrefix, secret.length - 4)))}${MASK}`;
}
var SHAPE_PATTERNS = [
  {
    kind: "private-key",
    label: "a private key",
    // The header alone (in docs or a template) is not a key: require a body after it.
    pattern: /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----(?:\\n|\s)*[A-Za-z0-9+/=:,\- \t\r\n\\]{20,}/,
    hint: /PRIVATE KEY/,
    publicPrefix: 0,
    mask: () => "-----BEGIN PRIVATE KEY-----****"
  },
  {
    kind: "aws-access-key-id",
    label: "an AWS access key id",
    // Key ids are 20 characters of base32 behind a type prefix; AWS's documentation examples end in EXAMPLE.
    pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])/,
    hint: /A(?:KIA|SIA|BIA|CCA)/,
    publicPrefix: 4,
    accept: (m) => !m[0].endsWith("EXAMPLE")
  },
  {
    kind: "jwt",
    label: "a JSON Web Token",
    // Header and payload are base64url JSON objects, so both start with `eyJ` (`{"`).
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/,
    hint: /eyJ/,
    publicPrefix: 3
  },
  {
    kind: "github-token",
    label: "a GitHub token",
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/,
    hint: /gh[pousr]_|github_pat_/,
    publicPrefix: 4
  },
  {
    kind: "slack-token",
    label: "a Slack token",
    pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/,
    hint: /xox/,
    publicPrefix: 5
  },
  {
    kind: "google-api-key",
    label: "a Google API key",
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/,
    hint: /AIza/,
    publicPrefix: 4
  },
  {
    kind: "stripe-key",
    label: "a Stripe live key",
    pattern: /(?<![A-Za-z0-9_])[sr]k_live_[0-9A-Za-z]{16,}/,
    hint: /k_live_/,
    publicPrefix: 8
  },
  {
    kind: "url-password",
    label: "a password in a URL",
    // scheme://user:password@host. `postgres://db:5432/app` has a port, not a password: no `@`.
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@'"]*):([^\s/?#@'"]+)@([^\s/?#'"]*)/i,
    hint: /:\/\/[^\s/?#'"]*@/,
    publicPrefix: 0,
    accept: (m) => isLiteral(m[3] ?? ""),
    mask: (m) => `${m[1] ?? ""}${m[2] ?? ""}:${MASK}@${m[4] ?? ""}`
  },
  {
    kind: "authorization-header",
    label: "an Authorization header",
    pattern: /\bAuthorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|Token)\s+([A-Za-z0-9._~+/-]{8,}=*)/i,
    hint: /authorization/i,
    publicPrefix: 0,
    accept: (m) => isLiteral(m[1] ?? ""),
    mask: () => `Authorization: ${MASK}`
  }
];
var GLOBAL_SHAPES = SHAPE_PATTERNS.map((p) => ({ ...p, global: new RegExp(p.pattern.source, `${p.pattern.flags}g`) }));
function findShapedSecrets(text) {
  const out = [];
  for (const p of GLOBAL_SHAPES) {
    if (!p.hint.test(text)) continue;
    for (const m of text.matchAll(p.global)) {
      if (p.accept && !p.accept(m)) continue;
      out.push({ kind: p.kind, label: p.label, masked: p.mask ? p.mask(m) : maskSecret(m[0], p.publicPrefix) });
      break;
    }
  }
  return out;
}
var SECRET_WORDS = /* @__PURE__ */ new Set([
  "PASSWORD",
  "PASSWORDS",
  "PASSWD",
  "PASSPHRASE",
  "PASS",
  "PWD",
  "SECRET",
  "TOKEN",
  "APIKEY",
  "CREDENTIAL",
  "CREDENTIALS",
  "CREDS",
  "AUTHORIZATION",
  "PRIVATEKEY",
  "REQUIREPASS",
  "MASTERAUTH"
]);
var SECRET_SUFFIXES = ["PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "APIKEY", "ACCESSKEY", "SECRETKEY", "PRIVATEKEY"];
var KEY_QUALIFIERS = /* @__PURE__ */ new Set([
  "API",
  "ACCESS",
  "SECRET",
  "PRIVATE",
  "MASTER",
  "ENCRYPTION",
  "ENCRYPT",
  "SIGNING",
  "SIGN",
  "LICENSE",
  "LICENCE",
  "CLIENT",
  "APP",
  "ACCOUNT",
  "SHARED",
  "HMAC",
  "SESSION",
  "CRYPTO",
  "AUTH",
  "SERVICE",
  "STORAGE",
  "ADMIN",
  "ROOT",
  "JWT",
  "AES",
  "CIPHER",
  "WEBHOOK",
  "SSH",
  "GPG",
  "PGP",
  "FERNET",
  "INGEST",
  "WRITE",
  "READ",
  "DEPLOY",
  "SUBSCRIPTION"
]);
var DESCRIPTOR_WORDS = /* @__PURE__ */ new Set([
  "FILE",
  "FILES",
  "FILENAME",
  "PATH",
  "DIR",
  "DIRECTORY",
  "FOLDER",
  "MOUNT",
  "LOCATION",
  "URL",
  "URI",
  "URLS",
  "ENDPOINT",
  "HOST",
  "HOSTS",
  "ADDR",
  "ADDRESS",
  "PORT",
  "IP",
  "IPS",
  "CIDR",
  "CIDRS",
  "NAME",
  "NAMES",
  "NAMESPACE",
  "REF",
  "KEYREF",
  "USER",
  "USERNAME",
  "ID",
  "IDS",
  "TYPE",
  "KIND",
  "LENGTH",
  "LEN",
  "SIZE",
  "BITS",
  "TTL",
  "LIFETIME",
  "EXPIRY",
  "EXPIRES",
  "EXPIRATION",
  "TIMEOUT",
  "INTERVAL",
  "DURATION",
  "PERIOD",
  "ENABLED",
  "ENABLE",
  "DISABLED",
  "DISABLE",
  "REQUIRED",
  "MODE",
  "POLICY",
  "FORMAT",
  "ALGORITHM",
  "ALG",
  "VERSION",
  "PREFIX",
  "SUFFIX",
  "LABEL",
  "HEADER",
  "FIELD",
  "PARAM",
  "COOKIE",
  "AUDIENCE",
  "ISSUER",
  "SCOPE",
  "SCOPES",
  "CLAIM",
  "CLAIMS",
  "PROVIDER",
  "SOURCE",
  "BACKEND",
  "STORE",
  "HASH",
  "CMD",
  "COMMAND",
  "COUNT",
  "LIMIT",
  "MIN",
  "MAX",
  "RETRIES",
  "METHOD",
  "STRATEGY",
  "ROTATION",
  "SEEDER"
]);
function nameWords(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2").split(/[^A-Za-z0-9]+/).filter((w) => w !== "").map((w) => w.toUpperCase());
}
function isSecretWord(words, index2) {
  const word = words[index2] ?? "";
  if (word === "KEY") return index2 > 0 && KEY_QUALIFIERS.has(words[index2 - 1] ?? "");
  if (SECRET_WORDS.has(word)) return !(word === "PWD" && words.length === 1);
  return SECRET_SUFFIXES.some((s) => word.length > s.length && word.endsWith(s));
}
function isSecretName(name) {
  const words = nameWords(name);
  let last = -1;
  words.forEach((_, i) => {
    if (isSecretWord(words, i)) last = i;
  });
  if (last < 0) return false;
  return !words.slice(last + 1).some((w) => DESCRIPTOR_WORDS.has(w));
}
var BOOLEAN_WORDS = /* @__PURE__ */ new Set(["true", "false", "yes", "no", "y", "n", "on", "off", "enabled", "disabled", "none", "null", "nil", "~"]);
var AUTH_SCHEMES = /* @__PURE__ */ new Set(["bearer", "basic", "digest", "negotiate"]);
var SECRET_STORE_REFERENCE = /^(?:vault:|ref\+[a-z0-9]+:\/\/|arn:aws[a-z-]*:secretsmanager:|gcp:secretmanager:|projects\/[^/]+\/secrets\/)/i;
function isLiteral(value) {
  const v = value.trim();
  if (v === "") return false;
  if (v.startsWith("$") || v.includes("$(") || v.includes("${") || v.includes("{{") || v.includes("%(") || v.includes("`")) return false;
  if (v.startsWith("ENC[") || SECRET_STORE_REFERENCE.test(v)) return false;
  if (BOOLEAN_WORDS.has(v.toLowerCase()) || AUTH_SCHEMES.has(v.toLowerCase())) return false;
  if (/^(?:\/|\.{1,2}\/|~\/|file:)/.test(v) || /[=,]\/[\w.-]+\//.test(v)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !/^[^/]*:\/\/[^/@\s]*:[^/@\s]+@/.test(v)) return false;
  if (/^<[^<>]*>$/.test(v) || /^\[[^[\]]*\]$/.test(v) || /^[*x•.#-]+$/i.test(v)) return false;
  if (/^(?:your|insert|replace|enter|put|add)[-_ ]/i.test(v) || /[-_ ]here$/i.test(v) || /placeholder/i.test(v)) return false;
  return true;
}
var NOT_SECRET_NAMES = [/(?:^|_)INITIAL_CLUSTER_TOKEN$/];
var UUID2 = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function looksLikeObjectName(value) {
  return /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?:\.[a-z0-9-]+)*$/.test(value) && !UUID2.test(value) && /[a-z]{3}/.test(value);
}
function namedSecret(name, value) {
  if (!isSecretName(name) || !isLiteral(value)) return void 0;
  const words = nameWords(name);
  if (NOT_SECRET_NAMES.some((re) => re.test(words.join("_")))) return void 0;
  if (words.at(-1) === "SECRET" && looksLikeObjectName(value.trim())) return void 0;
  const what2 = words.some((w) => w.includes("PASS") || w === "PWD" || w === "MASTERAUTH") ? "password" : words.some((w) => w.includes("TOKEN")) ? "token" : words.some((w) => w.includes("KEY")) ? "key" : words.some((w) => w.startsWith("CRED") || w === "AUTHORIZATION") ? "credential" : "secret";
  return { kind: "named-value", label: `a literal ${what2}`, masked: maskSecret(value) };
}
function secretsInValue(name, value) {
  const shaped = findShapedSecrets(value);
  if (shaped.length > 0) return shaped;
  const named = namedSecret(name, value);
  return named ? [named] : [];
}
var ASSIGNMENT = /(?:^|[\s;,&?'"{(])(?<dash>--?)?["']?(?<name>[A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*(?<sep>=|:(?=[ \t"']))[ \t]*(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<bare>[^\s"',;&)}]+))/g;
var FLAG_AND_WORD = /(?:^|\s)(?<dash>--?)(?<name>[A-Za-z][A-Za-z0-9_.-]*)(?<sep>[ \t]+)(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<bare>[^\s"'-][^\s"']*))/g;
var REDIS_DIRECTIVE = /^\s*(requirepass|masterauth)[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'|(\S+))/i;
var MYSQL_PASSWORD = /\bmysql(?:dump|admin|import|show|check|slap)?\b[^\n|;&]*?\s-p(["']?)([^\s"'-][^\s"']*)\1/;
var COMMENT_LINE = /^\s*(?:#|;|\/\/|--\s|<!--)/;
var SECRET_HINT = /pass|pwd|secret|token|key|cred|auth/i;
function assignmentSecrets(line, pattern) {
  const out = [];
  for (const m of line.matchAll(pattern)) {
    const { dash = "", name = "", sep = "=", dq, sq, bare = "" } = m.groups ?? {};
    const quoted = dq ?? sq;
    const value = quoted ?? bare;
    if (quoted === void 0 && /[([{]/.test(value)) continue;
    const named = namedSecret(name, value);
    if (named) out.push({ ...named, masked: `${dash}${name}${sep.startsWith(":") ? ": " : sep.trim() === "" ? " " : sep}${named.masked}` });
  }
  return out;
}
function findSecretsInText(text) {
  const out = findShapedSecrets(text);
  const mysql = text.includes("mysql") ? MYSQL_PASSWORD.exec(text) : null;
  if (mysql?.[2] && isLiteral(mysql[2])) out.push({ kind: "named-value", label: "a literal password", masked: `-p${MASK}` });
  if (!SECRET_HINT.test(text)) return out;
  for (const line of text.split(/\r?\n/)) {
    if (!SECRET_HINT.test(line) || COMMENT_LINE.test(line)) continue;
    out.push(...assignmentSecrets(line, ASSIGNMENT), ...assignmentSecrets(line, FLAG_AND_WORD));
    const redis = REDIS_DIRECTIVE.exec(line);
    const value = redis ? redis[2] ?? redis[3] ?? redis[4] ?? "" : "";
    if (redis && isLiteral(value)) out.push({ kind: "named-value", label: "a literal password", masked: `${redis[1] ?? ""} ${MASK}` });
  }
  return dedupe(out);
}
function dedupe(matches2) {
  const seen = /* @__PURE__ */ new Set();
  return matches2.filter((m) => {
    const key3 = `${m.kind} ${m.masked}`;
    if (seen.has(key3)) return false;
    seen.add(key3);
    return true;
  });
}
function findSecretsInArgs(argv) {
  const out = [];
  const isMysql = argv.some((a) => /^(?:.*\/)?mysql(?:dump|admin|import|show|check|slap)?$/.test(a));
  argv.forEach((arg, index2) => {
    const flag = /^--?([A-Za-z][A-Za-z0-9_.-]*)$/.exec(arg);
    const next = argv[index2 + 1];
    if (flag?.[1] && next !== void 0 && !next.startsWith("-")) {
      const named = namedSecret(flag[1], next);
      if (named) {
        out.push({ index: index2 + 1, match: { ...named, masked: `${arg} ${named.masked}` } });
        return;
      }
    }
    if (isMysql && /^-p./.test(arg) && isLiteral(arg.slice(2))) {
      out.push({ index: index2, match: { kind: "named-value", label: "a literal password", masked: `-p${MASK}` } });
      return;
    }
    const first = findSecretsInText(arg)[0];
    if (first && !out.some((o) => o.index === index2)) out.push({ index: index2, match: first });
  });
  return out;
}
function isSopsValue(value) {
  return typeof value === "string" && value.startsWith("ENC[");
}

// rules/inline-secret.ts
function scalarText(value) {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : void 0;
}
function describeMatches(matches2) {
  const [first] = matches2;
  if (!first) return "";
  const more = matches2.length > 1 ? ` and ${matches2.length - 1} more` : "";
  return `${first.label} (${first.masked})${more}`;
}
function envReports(ref, who) {
  const env = ref.container.env;
  if (!Array.isArray(env)) return [];
  const reports = [];
  env.forEach((entry, index2) => {
    if (!isRecord4(entry) || typeof entry.name !== "string") return;
    const value = scalarText(entry.value);
    if (value === void 0) return;
    const matches2 = secretsInValue(entry.name, value);
    if (matches2.length === 0) return;
    reports.push({
      path: [...ref.path, "env", index2, "value"],
      message: `${who} env var "${entry.name}" holds ${describeMatches(matches2)}: move it to a Secret and use valueFrom.secretKeyRef`
    });
  });
  return reports;
}
function commandLineReports(ref, who) {
  const fields = [
    ["command", ref.container.command],
    ["args", ref.container.args]
  ];
  const argv = [];
  const paths = [];
  for (const [field, list2] of fields) {
    if (!Array.isArray(list2)) continue;
    list2.forEach((item, index2) => {
      argv.push(scalarText(item) ?? "");
      paths.push([...ref.path, field, index2]);
    });
  }
  return findSecretsInArgs(argv).map(({ index: index2, match }) => {
    const path9 = paths[index2] ?? ref.path;
    return {
      path: path9,
      message: `${who} ${String(path9.at(-2))}[${String(path9.at(-1))}] holds ${describeMatches([match])}: read it from a Secret (an env var with secretKeyRef, referenced as $(VAR)) or a mounted file`
    };
  });
}
function handlerReports(ref, who) {
  const container = ref.container;
  const handlers = PROBE_FIELDS.map((f) => [f, container[f], [...ref.path, f]]);
  if (isRecord4(container.lifecycle)) {
    for (const hook of ["postStart", "preStop"])
      handlers.push([`lifecycle.${hook}`, container.lifecycle[hook], [...ref.path, "lifecycle", hook]]);
  }
  const reports = [];
  for (const [handler, value, path9] of handlers) {
    if (!isRecord4(value)) continue;
    if (isRecord4(value.httpGet) && Array.isArray(value.httpGet.httpHeaders)) {
      value.httpGet.httpHeaders.forEach((header, index2) => {
        if (!isRecord4(header) || typeof header.name !== "string") return;
        const text = scalarText(header.value);
        const matches2 = text === void 0 ? [] : secretsInValue(header.name, text);
        if (matches2.length === 0) return;
        reports.push({
          path: [...path9, "httpGet", "httpHeaders", index2, "value"],
          message: `${who} ${handler} header "${header.name}" holds ${describeMatches(matches2)}: probe an endpoint that needs no credential, or use an exec probe that reads it from a mounted Secret`
        });
      });
    }
    if (isRecord4(value.exec) && Array.isArray(value.exec.command)) {
      const argv = value.exec.command.map((item) => scalarText(item) ?? "");
      for (const { index: index2, match } of findSecretsInArgs(argv)) {
        reports.push({
          path: [...path9, "exec", "command", index2],
          message: `${who} ${handler} command holds ${describeMatches([match])}: read it from a mounted Secret or an env var with secretKeyRef`
        });
      }
    }
  }
  return reports;
}
function configMapReports(data, what2) {
  if (!isRecord4(data)) return [];
  const reports = [];
  for (const [key3, raw] of Object.entries(data)) {
    const value = scalarText(raw);
    if (value === void 0) continue;
    const byName = secretsInValue(key3, value);
    const matches2 = byName.length > 0 ? byName : findSecretsInText(value);
    if (matches2.length === 0) continue;
    reports.push({
      path: ["data", key3],
      message: `${what2} key "${key3}" holds ${describeMatches(matches2)}: move it to a Secret, which the view role cannot read`
    });
  }
  return reports;
}
var inline_secret_default = defineRule({
  id: "inline-secret",
  meta: {
    description: "No passwords, tokens or keys written into env vars, command lines or ConfigMaps",
    category: "security",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "object",
    rationale: "A credential in a manifest is in the Git history forever, in every clone, CI log and rendered chart, and readable by anyone who can read the object: env values and args show in `kubectl describe pod`, and pod specs and ConfigMaps are readable with the built-in `view` role, which deliberately excludes Secrets, and are rarely encrypted at rest. Rotating it means changing code. Reported: env values of variables named like a password, token, secret, credential or api/access/secret/private key (not `_FILE`, `_PATH`, `_URL`, `_NAME` and similar, and not empty values, `$(VAR)` references, paths or placeholders); URLs with `user:password@`; private-key blocks; AWS access key ids; JWTs; GitHub, Slack, Google and Stripe tokens; Authorization headers; the same in `command`/`args` (`--password=...`, `--password ...`, `mysql -p...`, scripts) and in ConfigMap data (including `password: ...` lines of configuration files). The secret is never printed: messages show it masked.",
    remediation: 'Put the value in a Secret (created by External Secrets, Sealed Secrets, SOPS or your deploy pipeline, not committed in plain text) and reference it:\n\n```yaml\nenv:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db-credentials\n        key: password\nargs: ["--password=$(DB_PASSWORD)"]\n```\n\nThen rotate the exposed credential: it is already in the repository history.',
    defaults: {}
  },
  check({ object }) {
    if (isBuiltinKind(object, "ConfigMap")) return configMapReports(object.value.data, `ConfigMap "${object.name ?? "(unnamed)"}"`);
    const reports = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      const who = describeContainer(ref);
      reports.push(...envReports(ref, who), ...commandLineReports(ref, who), ...handlerReports(ref, who));
    }
    return reports;
  }
});

// rules/invalid-name.ts
var invalid_name_default = defineRule({
  id: "invalid-name",
  meta: {
    description: "Names, namespaces, label keys and values and annotation keys are in the format the API server accepts",
    category: "correctness",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "object",
    rationale: 'The API server rejects an object whose metadata.name is not a DNS subdomain (a DNS label for Namespaces, StatefulSets and Services, which must also start with a letter; a path segment for RBAC kinds), whose label keys are not qualified names, whose label values are longer than 63 characters or contain other characters than letters, digits, "-", "_" and ".", or whose annotations exceed 256 KiB. Selectors and node selectors are label maps too.',
    remediation: 'Rename the object with lowercase letters, digits and "-" (the message suggests a name), shorten or simplify label values, and keep large data out of annotations (use a ConfigMap).',
    defaults: {}
  },
  check({ object, env }) {
    if (object.apiVersion === void 0 || object.kind === void 0) return [];
    const result = registryFor(env).validate(object.value, object.apiVersion, object.kind);
    return (result?.issues ?? []).filter((issue) => issue.rule === "invalid-name").map((issue) => ({ path: issue.path, message: issue.message, ...issue.target ? { target: issue.target } : {} }));
  }
});

// rules/liveness-probe.ts
var liveness_probe_default = defineRule({
  id: "liveness-probe",
  meta: {
    description: "Containers of long-running workloads have a liveness probe",
    category: "reliability",
    defaultSeverity: "warning",
    presets: ["recommended"],
    scope: "object",
    rationale: "The kubelet restarts a container whose process exits, but not one that is alive and stuck: deadlocked, out of threads or connections, or wedged after a lost dependency. Without a liveness probe such a pod keeps its place (and, if it still passes readiness, its traffic) until someone notices. Checked for the containers of Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers and Pods that restart, including sidecar init containers (`restartPolicy: Always`); not for Jobs, CronJobs, ordinary init containers or pods with restartPolicy Never/OnFailure, which are meant to finish.",
    remediation: "Add a cheap check of the process itself (not of its database or other dependencies, or one outage restarts every pod at once), with a startupProbe if the container starts slowly:\n\n```yaml\nlivenessProbe:\n  httpGet:\n    path: /healthz\n    port: http\n  periodSeconds: 10\n  failureThreshold: 3\n```\n\nUse `tcpSocket`, `grpc` or `exec` when the container has no HTTP endpoint.",
    defaults: {}
  },
  check({ object }) {
    return longRunningContainersOf(object).filter((ref) => ref.container.livenessProbe == null).map((ref) => ({
      path: ref.path,
      message: `${describeContainer(ref)} has no livenessProbe: add one so the kubelet restarts the container when it hangs`
    }));
  }
});

// rules/min-replicas.ts
var min_replicas_default = defineRule({
  id: "min-replicas",
  meta: {
    description: "Deployments and StatefulSets run at least two replicas",
    category: "reliability",
    defaultSeverity: "warning",
    presets: ["strict"],
    scope: "run",
    rationale: "A single replica is a single point of failure: a node drain, a crash loop, an eviction or a rolling update of the node pool takes the service down until a new pod is scheduled and ready. Two replicas (spread over nodes) keep it serving. spec.replicas unset means 1. Not reported: workloads that a HorizontalPodAutoscaler or KEDA ScaledObject manages (their floor is the autoscaler's minReplicas), workloads scaled to 0, workloads that mount a ReadWriteOnce claim (a second pod could not attach it), and workloads annotated `" + FIXED_REPLICAS_ANNOTATION + ': "true"` (a deliberate singleton).',
    remediation: "Set spec.replicas to 2 or more (or add an HPA with minReplicas >= 2) and spread the pods with topologySpreadConstraints or pod anti-affinity. Annotate a deliberate singleton `" + FIXED_REPLICAS_ANNOTATION + ': "true"`.',
    options: {
      properties: {
        minReplicas: { type: "integer", minimum: 1, description: "The fewest replicas a workload may run." }
      }
    },
    defaults: { minReplicas: 2 }
  },
  checkRun({ objects, options }) {
    const index2 = runIndexOf(objects);
    const reports = [];
    for (const entry of index2.pods) {
      const object = entry.object;
      if (!isScalableWorkload(object)) continue;
      const replicas = replicasOf(object);
      if (replicas === void 0 || replicas === 0 || replicas >= options.minReplicas) continue;
      if (isMarkedFixedSize(object)) continue;
      if (index2.scalersOf(object).some((s) => s.kind !== "VerticalPodAutoscaler")) continue;
      if (readWriteOnceClaim(index2, entry) !== void 0) continue;
      const count = hasReplicasField(object) ? `${replicas} replica${replicas === 1 ? "" : "s"}` : "1 replica (spec.replicas is unset)";
      reports.push({
        object,
        path: ["spec", "replicas"],
        message: `${describeObject(object)} runs ${count}: set replicas to at least ${options.minReplicas} or add an HPA, or annotate it ${FIXED_REPLICAS_ANNOTATION}: "true" if its size is deliberate`
      });
    }
    return reports;
  }
});

// rules/no-bare-pod.ts
var no_bare_pod_default = defineRule({
  id: "no-bare-pod",
  meta: {
    description: "Pods are created by a controller (Deployment, StatefulSet, DaemonSet, Job), not on their own",
    category: "reliability",
    defaultSeverity: "warning",
    presets: ["recommended"],
    scope: "object",
    rationale: "A bare Pod is not rescheduled when its node fails, drains or is upgraded, and cannot be rolled out or scaled. A controller keeps the desired number of pods running and replaces them on change.",
    remediation: "Wrap the pod spec in a Deployment (stateless), StatefulSet (stable identity or storage), DaemonSet (one per node) or Job (run to completion), with the Pod spec under spec.template.",
    defaults: {}
  },
  check({ object }) {
    if (!isBuiltinKind(object, "Pod")) return [];
    const metadata = object.value.metadata;
    const owners = isRecord4(metadata) && Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences : [];
    if (owners.some((o) => isRecord4(o) && o.controller === true)) return [];
    return [
      {
        path: ["kind"],
        message: `Pod "${object.name ?? "(unnamed)"}" has no controller and will not be recreated if it dies: create it from a Deployment, StatefulSet, DaemonSet or Job`
      }
    ];
  }
});

// rules/plaintext-secret.ts
function literalKeys(map2, encoded) {
  if (!isRecord4(map2)) return [];
  return Object.entries(map2).filter(([, value]) => {
    if (typeof value !== "string") return typeof value === "number";
    if (isSopsValue(value)) return false;
    return encoded ? value.trim() !== "" : isLiteral(value);
  }).map(([key3]) => key3);
}
var plaintext_secret_default = defineRule({
  id: "plaintext-secret",
  meta: {
    description: "Secret manifests with their values are not kept in the repository",
    category: "security",
    defaultSeverity: "warning",
    presets: ["recommended"],
    scope: "object",
    rationale: "A Secret's `data` is base64, not encryption: anyone who can read the repository (and every clone, fork, CI cache and backup of it) can read the credential, and it stays in the Git history after it is deleted or rotated. Not reported: Secrets with no values (`data: {}`, placeholders filled at deploy time), service-account-token Secrets the API server fills, and files encrypted with SOPS or helm-secrets (a top-level `sops` key or `ENC[...]` values).",
    remediation: "Keep only an encrypted or indirect form in Git: a SealedSecret (Bitnami Sealed Secrets), an ExternalSecret that syncs from Vault or a cloud secret manager (External Secrets Operator), a SOPS-encrypted file decrypted by Flux, Argo CD or helm-secrets, or create the Secret at deploy time (`kubectl create secret generic db --from-literal=...` in the pipeline). Then rotate the committed values.",
    defaults: {}
  },
  check({ object }) {
    if (!isBuiltinKind(object, "Secret")) return [];
    const value = object.value;
    if (Object.hasOwn(value, "sops")) return [];
    const keys = [.../* @__PURE__ */ new Set([...literalKeys(value.data, true), ...literalKeys(value.stringData, false)])];
    if (keys.length === 0) return [];
    const field = literalKeys(value.data, true).length > 0 ? "data" : "stringData";
    const shown = keys.slice(0, 3).join(", ") + (keys.length > 3 ? `, ... (${keys.length} keys)` : "");
    return [
      {
        path: [field],
        target: "key",
        message: `Secret "${object.name ?? "(unnamed)"}" keeps ${keys.length === 1 ? "a value" : `${keys.length} values`} in plain ${field} (${shown}): commit a SealedSecret, ExternalSecret or SOPS-encrypted file instead, or create the Secret at deploy time`
      }
    ];
  }
});

// rules/pod-disruption-budget.ts
function floorReplicas(index2, entry) {
  if (isBuiltinKind(entry.object, "Pod")) return 1;
  if (!isScalableWorkload(entry.object) && !isBuiltinKind(entry.object, "ReplicaSet")) return void 0;
  const hpas = index2.hpasOf(entry.object);
  if (hpas.length > 0) return Math.max(...hpas.map((h) => h.minReplicas));
  return replicasOf(entry.object);
}
function intOrPercent2(value) {
  if (typeof value === "number" && Number.isInteger(value)) return { count: value };
  if (typeof value !== "string") return void 0;
  const percent = /^([0-9]+)%$/.exec(value);
  if (percent?.[1] !== void 0) return { percent: Number(percent[1]) };
  return /^[0-9]+$/.test(value) ? { count: Number(value) } : void 0;
}
function blockingBudget(index2, pdb) {
  const spec = pdb.object.value.spec;
  if (!isRecord4(spec)) return void 0;
  const who = describeObject(pdb.object);
  const maxUnavailable = intOrPercent2(spec.maxUnavailable);
  if (maxUnavailable && ("count" in maxUnavailable ? maxUnavailable.count : maxUnavailable.percent) === 0) {
    return {
      path: ["spec", "maxUnavailable"],
      message: `${who} has maxUnavailable ${String(spec.maxUnavailable)}, so no pod can ever be evicted and node drains hang: allow at least 1`
    };
  }
  const minAvailable = intOrPercent2(spec.minAvailable);
  if (!minAvailable) return void 0;
  if ("percent" in minAvailable && minAvailable.percent >= 100) {
    return {
      path: ["spec", "minAvailable"],
      message: `${who} has minAvailable ${String(spec.minAvailable)}, so no pod can ever be evicted and node drains hang: lower it or use maxUnavailable: 1`
    };
  }
  if (!pdb.selector) return void 0;
  const selected = index2.podsSelectedBy(pdb.namespace, pdb.selector);
  if (selected.length === 0) return void 0;
  let total = 0;
  for (const entry of selected) {
    const replicas = floorReplicas(index2, entry);
    if (replicas === void 0) return void 0;
    total += replicas;
  }
  if (total === 0) return void 0;
  const required = "count" in minAvailable ? minAvailable.count : Math.ceil(minAvailable.percent * total / 100);
  if (required < total) return void 0;
  const pods = selected.length === 1 ? describeObject(selected[0]?.object ?? pdb.object) : `${selected.length} workloads`;
  return {
    path: ["spec", "minAvailable"],
    message: `${who} requires minAvailable ${String(spec.minAvailable)} of the ${total} replica${total === 1 ? "" : "s"} of ${pods}, so no pod can be evicted and node drains hang: ${total === 1 ? "run 2 replicas or more, or use maxUnavailable: 1" : "lower minAvailable or use maxUnavailable: 1"}`
  };
}
var pod_disruption_budget_default = defineRule({
  id: "pod-disruption-budget",
  meta: {
    description: "Multi-replica workloads have a PodDisruptionBudget, and no budget blocks every eviction",
    category: "reliability",
    defaultSeverity: "warning",
    presets: ["strict"],
    scope: "run",
    rationale: "Without a PodDisruptionBudget, a node drain (cluster upgrade, autoscaler scale-down, spot reclaim) may evict every replica of a workload at once, and running several replicas buys no availability. A budget that allows no disruption at all (maxUnavailable 0, minAvailable 100% or equal to the replica count) is the opposite failure: drains wait forever and node upgrades stall until someone deletes the budget by hand. A workload counts as multi-replica when spec.replicas is 2 or more, or when an HPA manages it with minReplicas 2 or more. A budget is found by its selector matching the pod template labels in the same namespace (an object without metadata.namespace matches any namespace). minAvailable is compared with the replicas of the linted workloads it selects at their floor (HPA minReplicas), rounding percentages up as the disruption controller does.",
    remediation: "Add a policy/v1 PodDisruptionBudget in the workload's namespace whose selector matches its pod labels, with maxUnavailable: 1 (or minAvailable below the replica count).",
    defaults: {}
  },
  checkRun({ objects }) {
    const index2 = runIndexOf(objects);
    const reports = [];
    for (const entry of index2.pods) {
      if (!isScalableWorkload(entry.object)) continue;
      const replicas = floorReplicas(index2, entry);
      if (replicas === void 0 || replicas < 2) continue;
      if (index2.pdbsSelecting(entry).length > 0) continue;
      const hpa = index2.hpasOf(entry.object).length > 0 ? " at the floor of its HPA" : "";
      reports.push({
        object: entry.object,
        path: ["metadata", "name"],
        message: `${describeObject(entry.object)} runs ${replicas} replicas${hpa} but no PodDisruptionBudget${entry.namespace === UNSET_NAMESPACE ? "" : ` in namespace "${entry.namespace}"`} selects its pods: add one with maxUnavailable: 1`
      });
    }
    for (const pdb of index2.pdbs) {
      const blocking = blockingBudget(index2, pdb);
      if (blocking) reports.push({ object: pdb.object, ...blocking });
    }
    return reports;
  }
});

// rules/privilege-escalation.ts
var privilege_escalation_default = defineRule({
  id: "privilege-escalation",
  meta: {
    description: "Containers set allowPrivilegeEscalation: false",
    category: "security",
    defaultSeverity: "warning",
    presets: ["strict"],
    scope: "object",
    rationale: "Unless allowPrivilegeEscalation is false, a process in the container can gain more privileges than its parent: a set-user-ID binary in the image (su, sudo, ping on older images, or one an attacker drops into a writable path) or file capabilities turn a foothold as an unprivileged user into root in the container, the first step of most container escapes. The field defaults to true, so it must be set explicitly; false sets the no_new_privs flag on the process. The Restricted Pod Security Standard requires it on every container, init container and ephemeral container (Linux pods only). It is always true for a privileged container or one that adds CAP_SYS_ADMIN, and the API server rejects false together with privileged: true.",
    remediation: "Add `allowPrivilegeEscalation: false` to the securityContext of every container (there is no pod-level field):\n\n```yaml\ncontainers:\n  - name: web\n    securityContext:\n      allowPrivilegeEscalation: false\n```\n\nIf the container is privileged or adds SYS_ADMIN, remove that first; an image that relies on sudo or set-user-ID binaries needs to be rebuilt to run as its final user.",
    defaults: {}
  },
  check({ object }) {
    const reports = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      if (isWindowsPod(ref.pod)) continue;
      const who = describeContainer(ref);
      const setting = resolveSetting(ref, "allowPrivilegeEscalation");
      const privileged = containerSetting(ref, "privileged") === true;
      const sysAdmin = addsSysAdmin(ref);
      if (setting.value === false) {
        if (privileged) {
          reports.push({
            path: setting.path,
            message: `${who} sets allowPrivilegeEscalation: false together with privileged: true, a combination the API server rejects: remove privileged: true`
          });
        } else if (sysAdmin) {
          reports.push({
            path: setting.path,
            message: `${who} sets allowPrivilegeEscalation: false but adds SYS_ADMIN, which lets it escalate regardless: remove SYS_ADMIN from capabilities.add`
          });
        }
        continue;
      }
      const reason = privileged ? "is privileged" : sysAdmin ? "adds SYS_ADMIN" : void 0;
      if (reason !== void 0) {
        reports.push({
          path: setting.path,
          message: `${who} ${reason}, so privilege escalation is always allowed: remove ${privileged ? "privileged: true" : "SYS_ADMIN"}, then set securityContext.allowPrivilegeEscalation: false`
        });
      } else if (setting.value === void 0) {
        reports.push({
          path: setting.path,
          message: `${who} does not set securityContext.allowPrivilegeEscalation, which defaults to true: set it to false`
        });
      } else {
        reports.push({
          path: setting.path,
          message: `${who} sets securityContext.allowPrivilegeEscalation: ${JSON.stringify(setting.value)}: set it to false`
        });
      }
    }
    return reports;
  }
});

// rules/privileged.ts
var privileged_default = defineRule({
  id: "privileged",
  meta: {
    description: "Containers do not run privileged (nor as Windows HostProcess containers)",
    category: "security",
    defaultSeverity: "error",
    presets: ["strict"],
    scope: "object",
    rationale: "A privileged container gets every Linux capability, all host devices (/dev), no seccomp or AppArmor confinement and a writable /sys: root in it is root on the node. Anyone who can run code in it (through an application bug or a poisoned image) can mount the host disk, load kernel modules and read every other pod's secrets. The Windows equivalent, a HostProcess container (windowsOptions.hostProcess: true), runs directly on the host. Both are forbidden by the Baseline Pod Security Standard, so a namespace labelled pod-security.kubernetes.io/enforce: baseline (or restricted) rejects the pod.",
    remediation: "Remove `privileged: true` (and `windowsOptions.hostProcess: true`) from the securityContext. If the workload needs one specific power, grant only that: a capability in `securityContext.capabilities.add` (for example NET_ADMIN for a CNI agent), a device plugin for hardware, or a hostPath volume for one file. Node agents that truly need it (CNI, CSI node plugins) belong in a namespace that allows the privileged profile; suppress the finding there with a comment saying why.",
    defaults: {}
  },
  check({ object }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const reports = [];
    const podWindows = podSetting(pod, "windowsOptions");
    if (isRecord4(podWindows.value) && podWindows.value.hostProcess === true) {
      reports.push({
        path: [...podWindows.path, "hostProcess"],
        message: `${describeWorkload(object)} sets securityContext.windowsOptions.hostProcess: true, so its containers run directly on the Windows host: remove it`
      });
    }
    for (const ref of containersOf(object, { ephemeral: true })) {
      const who = describeContainer(ref);
      const context = containerSecurityContextPath(ref);
      if (containerSetting(ref, "privileged") === true) {
        reports.push({
          path: [...context, "privileged"],
          message: `${who} runs privileged, with every capability and all host devices: remove securityContext.privileged: true and add only the capabilities it needs`
        });
      }
      const windows = containerSetting(ref, "windowsOptions");
      if (isRecord4(windows) && windows.hostProcess === true) {
        reports.push({
          path: [...context, "windowsOptions", "hostProcess"],
          message: `${who} sets securityContext.windowsOptions.hostProcess: true and runs directly on the Windows host: remove it`
        });
      }
    }
    return reports;
  }
});

// rules/probe-port.ts
var import_fastest_levenshtein3 = __toESM(require_mod(), 1);
function isTypo(name, candidate) {
  const d = (0, import_fastest_levenshtein3.distance)(name, candidate);
  return d <= 2 && d * 2 < Math.max(name.length, candidate.length);
}
var probe_port_default = defineRule({
  id: "probe-port",
  meta: {
    description: "Probes and lifecycle handlers use a port the container declares",
    category: "correctness",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "object",
    rationale: "The kubelet resolves a named probe port (`port: http`) against the same container's `ports` list. When no port has that name (a typo, or a port renamed or moved to another container) the probe fails on every attempt: a liveness probe then restarts the container forever, a readiness probe keeps the pod out of every Service, a startup probe never lets it start. The API server accepts the manifest, so this is only found at run time. A numeric port works whether declared or not (Kubernetes does not require ports to be declared), so undeclared numbers are reported only with the `requireDeclaredNumericPorts` option, which catches probes left behind after a port change.",
    remediation: "Name the port in the container and probe it by that name, so the two cannot drift apart:\n\n```yaml\nports:\n  - name: http\n    containerPort: 8080\nreadinessProbe:\n  httpGet:\n    path: /ready\n    port: http\n```\n\nOr probe the port number directly.",
    options: {
      properties: {
        requireDeclaredNumericPorts: {
          type: "boolean",
          description: "Also report a numeric probe port that is not one of the container's containerPorts. Off by default: Kubernetes probes undeclared ports fine, but declaring every port documents the container and lets the check catch stale probes."
        }
      }
    },
    defaults: { requireDeclaredNumericPorts: false }
  },
  check({ object, options }) {
    const reports = [];
    for (const ref of containersOf(object)) {
      const ports = declaredPorts(ref);
      const declared = ports.length > 0 ? `declared ports: ${describePorts(ports)}` : "it declares no ports";
      for (const use of portReferencesOf(ref)) {
        const number = numericPort(use.port);
        const where = `${describeContainer(ref)} ${use.handler} (${use.action})`;
        if (number === void 0) {
          const name = String(use.port);
          if (ports.some((p) => p.name === name)) continue;
          const names = ports.flatMap((p) => p.name ? [p.name] : []);
          const suggestion = names.length > 0 ? (0, import_fastest_levenshtein3.closest)(name, names) : void 0;
          const fix = suggestion !== void 0 && isTypo(name, suggestion) ? `use "${suggestion}" or the port number` : `name a container port "${name}" or use the port number`;
          reports.push({
            path: use.path,
            message: `${where} uses port "${name}", which is not a port name of this container (${declared}): ${fix}`
          });
        } else if (options.requireDeclaredNumericPorts && !use.otherHost && !ports.some((p) => p.containerPort === number)) {
          reports.push({
            path: use.path,
            message: `${where} uses port ${number}, which the container does not declare (${declared}): add it to ports or probe a declared port`
          });
        }
      }
    }
    return reports;
  }
});

// rules/read-only-root-fs.ts
var read_only_root_fs_default = defineRule({
  id: "read-only-root-fs",
  meta: {
    description: "Containers run with a read-only root filesystem",
    category: "security",
    defaultSeverity: "warning",
    presets: ["strict"],
    scope: "object",
    rationale: "With a writable root filesystem, an attacker who gets code execution can download tools, drop a web shell, or replace the application's binaries and configuration, and the change lasts until the container restarts. A read-only root filesystem turns those writes into errors, makes the container's contents match its image, and surfaces apps that silently write logs or caches to the container layer (which fills the node's disk and is lost on restart). The Pod Security Standards do not require it, but the CIS Kubernetes Benchmark and most hardening guides do. Windows pods cannot set the field and are skipped.",
    remediation: "Set `readOnlyRootFilesystem: true` in each container's securityContext and mount an emptyDir wherever the application must write (temporary files, caches, PID files):\n\n```yaml\ncontainers:\n  - name: web\n    securityContext:\n      readOnlyRootFilesystem: true\n    volumeMounts:\n      - name: tmp\n        mountPath: /tmp\nvolumes:\n  - name: tmp\n    emptyDir: {}\n```\n\nRun the container once with the flag to find the paths it writes to (the error names them).",
    defaults: {}
  },
  check({ object }) {
    const reports = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      if (isWindowsPod(ref.pod)) continue;
      const setting = resolveSetting(ref, "readOnlyRootFilesystem");
      if (setting.value === true) continue;
      const who = describeContainer(ref);
      reports.push({
        path: setting.path,
        message: setting.value === void 0 ? `${who} does not set securityContext.readOnlyRootFilesystem: set it to true and mount an emptyDir where it must write` : `${who} sets securityContext.readOnlyRootFilesystem: ${JSON.stringify(setting.value)}: set it to true and mount an emptyDir where it must write`
      });
    }
    return reports;
  }
});

// rules/readiness-probe.ts
var readiness_probe_default = defineRule({
  id: "readiness-probe",
  meta: {
    description: "Containers of long-running workloads have a readiness probe",
    category: "reliability",
    defaultSeverity: "warning",
    presets: ["recommended"],
    scope: "object",
    rationale: "Without a readiness probe a pod is Ready as soon as its containers start. Services send it requests before the application listens (connection errors on every rollout and scale-up), and a rolling update counts unready pods as available, so it can replace every old pod with new ones that do not work. A readiness probe also takes a pod out of rotation while it is overloaded or draining, without restarting it. Checked for the same containers as liveness-probe: long-running workloads, sidecar init containers included.",
    remediation: "Add a probe that succeeds only when the container can serve, for example:\n\n```yaml\nreadinessProbe:\n  httpGet:\n    path: /ready\n    port: http\n  periodSeconds: 5\n  failureThreshold: 3\n```\n\nFor a worker that serves no traffic, an `exec` probe on its own health (or suppressing the rule for that container) is fine.",
    defaults: {}
  },
  check({ object }) {
    return longRunningContainersOf(object).filter((ref) => ref.container.readinessProbe == null).map((ref) => ({
      path: ref.path,
      message: `${describeContainer(ref)} has no readinessProbe: add one so Services and rollouts wait until it is ready`
    }));
  }
});

// rules/requests-exceed-limits.ts
function compare(requests, limits, path9, who) {
  if (!isRecord4(requests) || !isRecord4(limits)) return [];
  const reports = [];
  for (const [name, request] of Object.entries(requests)) {
    if (!Object.hasOwn(limits, name)) continue;
    const limit = limits[name];
    const r = parseQuantity(request);
    const l = parseQuantity(limit);
    if (r === void 0 || l === void 0 || r <= l) continue;
    reports.push({
      path: [...path9, "requests", name],
      message: `${who} requests ${name} ${String(request)}, more than its limit ${String(limit)}: lower the request or raise the limit`
    });
  }
  return reports;
}
var requests_exceed_limits_default = defineRule({
  id: "requests-exceed-limits",
  meta: {
    description: "No resource request is larger than its limit",
    category: "correctness",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "object",
    rationale: "A request is what the container is guaranteed, a limit what it may use at most, so a request above its limit is contradictory and the API server rejects the pod (`must be less than or equal to ... limit`). For a Deployment the object is accepted but no pod is ever created: the ReplicaSet reports FailedCreate events while the rollout hangs. Quantities are compared by value, so `500m` is less than `1` and `128Mi` less than `1Gi`; every resource is checked (cpu, memory, ephemeral-storage, hugepages, extended resources such as nvidia.com/gpu).",
    remediation: "Make each request at most its limit. For memory, setting request equal to limit is a good default:\n\n```yaml\nresources:\n  requests:\n    memory: 512Mi\n  limits:\n    memory: 512Mi\n```",
    defaults: {}
  },
  check({ object }) {
    const reports = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      const resources = ref.container.resources;
      if (!resources) continue;
      reports.push(...compare(resources.requests, resources.limits, [...ref.path, "resources"], describeContainer(ref)));
    }
    const pod = podSpecOf(object);
    const podResources = pod?.spec?.resources;
    if (pod && isRecord4(podResources)) {
      reports.push(...compare(podResources.requests, podResources.limits, [...pod.path, "resources"], "the pod"));
    }
    return reports;
  }
});

// src/k8s/resources.ts
function hasResource(map2, name) {
  if (!isRecord4(map2) || !Object.hasOwn(map2, name)) return false;
  const value = map2[name];
  return typeof value === "string" && value.trim() !== "" || typeof value === "number";
}
function podLevelHas(ref, field, name) {
  const resources = ref.pod.spec.resources;
  return isRecord4(resources) && hasResource(resources[field], name);
}
function resourcesPath(ref) {
  return isRecord4(ref.container.resources) ? [...ref.path, "resources"] : ref.path;
}

// rules/resource-limits.ts
var resource_limits_default = defineRule({
  id: "resource-limits",
  meta: {
    description: "Every container has a memory limit (and, optionally, a cpu limit)",
    category: "reliability",
    defaultSeverity: "warning",
    presets: ["recommended"],
    scope: "object",
    rationale: "Without a memory limit, one leaking container can use all of its node's memory; the kernel then OOM-kills processes on that node, often other teams' pods, and the kubelet evicts more. With a limit, only the offender is restarted. CPU is different: a CPU limit throttles a container even when the node is idle, which adds latency, so many teams set CPU requests but no CPU limits. That is why the cpu limit is only checked with the `cpu` option.",
    remediation: "Set a memory limit, usually equal to the memory request (so the container cannot be OOM-killed for using memory it was promised):\n\n```yaml\nresources:\n  requests:\n    memory: 256Mi\n  limits:\n    memory: 256Mi\n```\n\nA namespace LimitRange can supply defaults, but an explicit value is visible in review.",
    options: {
      properties: {
        cpu: {
          type: "boolean",
          description: "Also require a cpu limit. Off by default: CPU limits throttle containers even on idle nodes; enable it where CPU must be capped (for example multi-tenant clusters or Guaranteed QoS)."
        }
      }
    },
    defaults: { cpu: false }
  },
  check({ object, options }) {
    const resources = options.cpu ? ["cpu", "memory"] : ["memory"];
    const reports = [];
    for (const ref of containersOf(object)) {
      for (const resource of resources) {
        if (hasResource(ref.container.resources?.limits, resource) || podLevelHas(ref, "limits", resource)) continue;
        reports.push({
          path: resourcesPath(ref),
          message: resource === "memory" ? `${describeContainer(ref)} has no memory limit: set resources.limits.memory so a leak restarts this container instead of starving the node` : `${describeContainer(ref)} has no cpu limit: set resources.limits.cpu`
        });
      }
    }
    return reports;
  }
});

// rules/resource-requests.ts
var RESOURCES = ["cpu", "memory"];
var resource_requests_default = defineRule({
  id: "resource-requests",
  meta: {
    description: "Every container requests cpu and memory",
    category: "reliability",
    defaultSeverity: "warning",
    presets: ["recommended"],
    scope: "object",
    rationale: "The scheduler places pods by their requests. A container without requests counts as needing nothing, so nodes get overcommitted: under pressure its pod is among the first evicted (BestEffort or Burstable QoS), CPU-starved neighbours slow down, and the HorizontalPodAutoscaler cannot compute utilisation for it. A limit without a request is fine here: Kubernetes then uses the limit as the request. Init containers count too, since the pod is scheduled for the largest of them.",
    remediation: "Set requests from observed usage (for example the p95 of the last weeks, or a VerticalPodAutoscaler in recommendation mode):\n\n```yaml\nresources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n```\n\nA LimitRange can default requests per namespace, but an explicit value in the manifest is reviewable.",
    defaults: {}
  },
  check({ object }) {
    const reports = [];
    for (const ref of containersOf(object)) {
      const resources = ref.container.resources;
      for (const resource of RESOURCES) {
        if (hasResource(resources?.requests, resource) || hasResource(resources?.limits, resource)) continue;
        if (podLevelHas(ref, "requests", resource) || podLevelHas(ref, "limits", resource)) continue;
        reports.push({
          path: resourcesPath(ref),
          message: `${describeContainer(ref)} has no ${resource} request: set resources.requests.${resource} so the scheduler reserves ${resource === "cpu" ? "CPU" : "memory"} for it`
        });
      }
    }
    return reports;
  }
});

// src/k8s/intstr.ts
function parseIntOrPercent(value) {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? { kind: "int", value } : void 0;
  if (typeof value !== "string") return void 0;
  const m = /^\s*(\d+)\s*(%?)\s*$/.exec(value);
  if (!m?.[1]) return void 0;
  const number = Number(m[1]);
  return m[2] === "%" ? { kind: "percent", value: number } : { kind: "int", value: number };
}
function scaleIntOrPercent(value, total, roundUp) {
  if (value.kind === "int") return value.value;
  const exact = value.value * total / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
function formatIntOrPercent(value) {
  return value.kind === "percent" ? `${value.value}%` : String(value.value);
}

// rules/rolling-update.ts
function strategyOf(object, field) {
  const spec = isRecord4(object.value.spec) ? object.value.spec : {};
  const strategy = isRecord4(spec[field]) ? spec[field] : {};
  const rolling = isRecord4(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  return {
    path: ["spec", field],
    type: strategy.type,
    maxSurge: parseIntOrPercent(rolling.maxSurge),
    maxUnavailable: parseIntOrPercent(rolling.maxUnavailable),
    rawSurge: rolling.maxSurge,
    rawUnavailable: rolling.maxUnavailable
  };
}
function replicasOf2(object) {
  const spec = isRecord4(object.value.spec) ? object.value.spec : {};
  return typeof spec.replicas === "number" && Number.isInteger(spec.replicas) ? spec.replicas : void 0;
}
var isZero = (v) => v !== void 0 && v.value === 0;
function what(object) {
  return `${object.kind ?? "object"} "${object.name ?? "(unnamed)"}"`;
}
function bothZero(object, s) {
  return {
    path: [...s.path, "rollingUpdate"],
    target: "key",
    message: `${what(object)} sets maxSurge and maxUnavailable to 0, which blocks every rollout (the API server rejects it): allow at least one surge pod (maxSurge: 1) or one unavailable pod`
  };
}
function allUnavailable(object, s, replicas) {
  const value = s.maxUnavailable;
  if (!value) return void 0;
  const everyReplica = value.kind === "percent" ? value.value >= 100 : replicas !== void 0 && replicas >= 2 && scaleIntOrPercent(value, replicas, false) >= replicas;
  if (!everyReplica) return void 0;
  const count = replicas === void 0 || replicas < 2 ? "every replica" : `all ${replicas} replicas`;
  return {
    path: [...s.path, "rollingUpdate", "maxUnavailable"],
    message: `${what(object)} allows maxUnavailable ${formatIntOrPercent(value)}, so a rollout can take down ${count} at once: lower it (for example 25% or 1) so some pods keep serving`
  };
}
function checkDeployment(object) {
  const s = strategyOf(object, "strategy");
  const replicas = replicasOf2(object);
  if (s.type === "Recreate") {
    if (replicas === void 0 || replicas < 2) return [];
    return [
      {
        path: [...s.path, "type"],
        message: `${what(object)} runs ${replicas} replicas with the Recreate strategy, which stops all of them before starting new ones: use RollingUpdate unless the old and new versions must never run side by side`
      }
    ];
  }
  if (s.type !== void 0 && s.type !== "RollingUpdate") return [];
  if (isZero(s.maxSurge) && isZero(s.maxUnavailable)) return [bothZero(object, s)];
  const report = allUnavailable(object, s, replicas);
  return report ? [report] : [];
}
function checkDaemonSet(object) {
  const s = strategyOf(object, "updateStrategy");
  if (s.type !== void 0 && s.type !== "RollingUpdate") return [];
  const surge = s.rawSurge === void 0 || s.rawSurge === null ? 0 : s.maxSurge?.value;
  if (surge === 0 && isZero(s.maxUnavailable)) return [bothZero(object, s)];
  const report = s.maxUnavailable?.kind === "percent" ? allUnavailable(object, s, void 0) : void 0;
  return report ? [report] : [];
}
function checkStatefulSet(object) {
  const s = strategyOf(object, "updateStrategy");
  if (s.type !== void 0 && s.type !== "RollingUpdate") return [];
  const report = allUnavailable(object, s, replicasOf2(object));
  return report ? [report] : [];
}
var rolling_update_default = defineRule({
  id: "rolling-update",
  meta: {
    description: "Rolling updates keep pods serving: no all-at-once maxUnavailable, no blocked or Recreate rollouts of replicated Deployments",
    category: "reliability",
    defaultSeverity: "warning",
    presets: ["recommended"],
    scope: "object",
    rationale: "The update strategy decides how many pods may be down while a new version rolls out. `maxSurge: 0` with `maxUnavailable: 0` leaves the controller no move (the API server rejects it, and a rollout could never start). A `maxUnavailable` that reaches every replica (100%, or a number at least the explicit replica count) lets the controller stop all old pods before any new pod is ready: an outage on each deploy, and a long one if the new version crashes. `Recreate` does the same by design on a Deployment with several replicas. Percentages resolve as Kubernetes resolves them: maxUnavailable rounds down (99% of 3 replicas is 2, so only 100% reaches every replica) and maxUnavailable: 0 with a maxSurge percentage still surges at least one pod, since maxSurge rounds up. Single-replica workloads (replicas unset means 1) are not reported, since they are down during any update. DaemonSets are checked for 0/0 and 100%; StatefulSets for their maxUnavailable.",
    remediation: "Let a rollout add pods before removing old ones:\n\n```yaml\nstrategy:\n  type: RollingUpdate\n  rollingUpdate:\n    maxSurge: 25%\n    maxUnavailable: 0\n```\n\nKeep `Recreate` only for workloads whose versions must not overlap (for example a ReadWriteOnce volume or a schema migration), and then run one replica.",
    defaults: {}
  },
  check({ object }) {
    if (isBuiltinKind(object, "Deployment")) return checkDeployment(object);
    if (isBuiltinKind(object, "DaemonSet")) return checkDaemonSet(object);
    if (isBuiltinKind(object, "StatefulSet")) return checkStatefulSet(object);
    return [];
  }
});

// rules/run-as-non-root.ts
var run_as_non_root_default = defineRule({
  id: "run-as-non-root",
  meta: {
    description: "Containers must run as a non-root user: runAsNonRoot: true, and never runAsUser: 0",
    category: "security",
    defaultSeverity: "warning",
    presets: ["strict"],
    scope: "object",
    rationale: "Most images run as root (UID 0) unless told otherwise, and root in a container is root on the node as far as the kernel is concerned: a container escape, a writable hostPath or a kernel bug then hands over the node, and root can write anywhere in the image. With `runAsNonRoot: true` the kubelet checks the user before starting the container and refuses to start it as UID 0, so a new image that slipped back to root fails loudly instead of running. The Restricted Pod Security Standard requires runAsNonRoot: true for every container (set once at pod level or per container) and forbids runAsUser: 0 at either level. A container-level value overrides the pod-level one.",
    remediation: "Set it once for the whole pod, with a non-zero UID if the image does not name a numeric user:\n\n```yaml\nspec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001   # needed when the image USER is a name or root\n```\n\nThe kubelet can only verify a numeric user: if the image says `USER app`, add runAsUser. Replace any `runAsUser: 0`. If files in the image must be owned by that user, fix them in the Dockerfile (COPY --chown) or give volumes an fsGroup.",
    options: {
      properties: {
        acceptNonZeroUser: {
          type: "boolean",
          description: "Accept a container whose effective runAsUser (pod or container level) is above 0 in place of runAsNonRoot: true. Pod Security Admission (Restricted) does not."
        },
        exemptUserNamespaces: {
          type: "boolean",
          description: "Skip pods with hostUsers: false, whose root is an unprivileged user on the node, as Pod Security Admission does with the UserNamespacesPodSecurityStandards feature gate."
        }
      }
    },
    defaults: { acceptNonZeroUser: false, exemptUserNamespaces: false }
  },
  check({ object, options }) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    if (options.exemptUserNamespaces && usesUserNamespace(pod)) return [];
    const reports = [];
    const workload = describeWorkload(object);
    const podNonRoot = podSetting(pod, "runAsNonRoot");
    const podUser = podSetting(pod, "runAsUser");
    if (podUser.value === 0) {
      reports.push({
        path: podUser.path,
        message: `${workload} sets securityContext.runAsUser: 0, root for every container that does not set its own user: use a non-zero UID such as 10001`
      });
    }
    if (podNonRoot.value === false) {
      reports.push({ path: podNonRoot.path, message: `${workload} sets securityContext.runAsNonRoot: false: set it to true` });
    }
    const containers = containersOf(object, { ephemeral: true });
    const missing = [];
    for (const ref of containers) {
      const who = describeContainer(ref);
      const nonRoot = resolveSetting(ref, "runAsNonRoot");
      const user = resolveSetting(ref, "runAsUser");
      if (containerSetting(ref, "runAsUser") === 0) {
        reports.push({
          path: user.containerPath,
          message: nonRoot.value === true ? `${who} sets securityContext.runAsUser: 0 while runAsNonRoot is true, so the kubelet refuses to start it: use a non-zero UID such as 10001` : `${who} sets securityContext.runAsUser: 0 and runs as root: use a non-zero UID such as 10001`
        });
      }
      if (containerSetting(ref, "runAsNonRoot") === false) {
        reports.push({ path: nonRoot.containerPath, message: `${who} sets securityContext.runAsNonRoot: false: set it to true` });
        continue;
      }
      if (nonRoot.value !== void 0) continue;
      if (options.acceptNonZeroUser && typeof user.value === "number" && user.value > 0) continue;
      missing.push(ref);
    }
    if (missing.length > 0 && missing.length === containers.length && podNonRoot.value === void 0) {
      const uid = typeof podUser.value === "number" && podUser.value > 0 ? podUser.value : void 0;
      const problem = uid !== void 0 ? `sets runAsUser: ${uid} but not runAsNonRoot, so nothing stops a container from being switched back to root` : isWindowsPod(pod) ? "does not set runAsNonRoot for its pod or any container, so nothing stops them from running as ContainerAdministrator" : "does not set runAsNonRoot for its pod or any container, so they run as root whenever the image does";
      reports.push({ path: podNonRoot.path, message: `${workload} ${problem}: set ${yamlToSet(podNonRoot.path, "true")}` });
    } else {
      for (const ref of missing) {
        reports.push({
          path: resolveSetting(ref, "runAsNonRoot").containerPath,
          message: `${describeContainer(ref)} does not set securityContext.runAsNonRoot and the pod does not either: set it to true here or in the pod's securityContext`
        });
      }
    }
    return reports;
  }
});

// rules/schema.ts
var schema_default = defineRule({
  id: "schema",
  meta: {
    description: "Objects match the schema of their apiVersion and kind: no unknown fields, right types, required fields set",
    category: "correctness",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "object",
    rationale: "The API server rejects an object with a field of the wrong type, a missing required field, a malformed quantity or port, and (with strict field validation, the kubectl default) an unknown field. A misspelled field is worse when validation is off: it is dropped silently and the setting never takes effect. Checking against the schema of the target Kubernetes version (and of CRDs for custom resources) finds these before deploying.",
    remediation: "Fix the field the message names: correct the spelling or indentation of unknown fields, give values the expected type (quote strings, unquote numbers), add required fields. Use --no-strict (config strict: false) to allow unknown fields, and --kubernetes-version to validate against the version you run.",
    defaults: {}
  },
  check({ object, env }) {
    if (object.apiVersion === void 0 || object.kind === void 0) return [];
    const result = registryFor(env).validate(object.value, object.apiVersion, object.kind);
    return (result?.issues ?? []).filter((issue) => issue.rule === "schema").map((issue) => ({ path: issue.path, message: issue.message, ...issue.target ? { target: issue.target } : {} }));
  }
});

// rules/seccomp-profile.ts
var seccomp_profile_default = defineRule({
  id: "seccomp-profile",
  meta: {
    description: "Pods set a seccomp profile (RuntimeDefault or Localhost), never Unconfined",
    category: "security",
    defaultSeverity: "warning",
    presets: ["strict"],
    scope: "object",
    rationale: "Seccomp filters the system calls a container may make. The container runtime's default profile blocks a few dozen that applications do not use but kernel exploits and escapes do (unshare, mount, keyctl, bpf, ptrace on older kernels, ...), so many kernel CVEs cannot be reached from a container that has it. Kubernetes does not apply it unless asked: without a seccompProfile a container runs Unconfined (unless every kubelet runs with seccompDefault: true). The Restricted Pod Security Standard requires RuntimeDefault or Localhost for every container (set once at pod level or per container, a container-level value wins), and even Baseline forbids an explicit Unconfined. The old annotations seccomp.security.alpha.kubernetes.io/pod and container.seccomp.security.alpha.kubernetes.io/<name> have been ignored since Kubernetes 1.27, so a pod that still relies on them runs Unconfined. Windows pods are exempt.",
    remediation: "Set the profile once for the pod:\n\n```yaml\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n```\n\nReplace `Unconfined` with RuntimeDefault; if a program really needs a blocked syscall, write a Localhost profile that allows just that one (type: Localhost, localhostProfile: profiles/app.json, installed on every node) rather than turning filtering off. Move any seccomp annotation to the field and delete the annotation.",
    options: {
      properties: {
        requireProfile: {
          type: "boolean",
          description: "Report containers with no seccomp profile at all (Restricted). Set it to false on clusters whose kubelets all run with seccompDefault: true, to report only Unconfined and the old annotations (Baseline)."
        }
      }
    },
    defaults: { requireProfile: true }
  },
  check({ object, options }) {
    const pod = podSpecOf(object);
    if (!pod || isWindowsPod(pod)) return [];
    const reports = [];
    const workload = describeWorkload(object);
    const podProfile = podSetting(pod, "seccompProfile");
    const podType = seccompTypeOf(podProfile.value);
    const containers = containersOf(object, { ephemeral: true });
    const annotationPath = (key3) => [...pod.metadataPath, "annotations", key3];
    const podAnnotation = pod.annotations[SECCOMP_POD_ANNOTATION];
    if (podAnnotation !== void 0) {
      reports.push({
        path: annotationPath(SECCOMP_POD_ANNOTATION),
        target: "key",
        message: annotationMessage(workload, SECCOMP_POD_ANNOTATION, podAnnotation, podType, formatPath(podProfile.path))
      });
    }
    const annotatedContainers = /* @__PURE__ */ new Set();
    for (const [key3, value] of Object.entries(pod.annotations)) {
      if (!key3.startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX)) continue;
      const name = key3.slice(SECCOMP_CONTAINER_ANNOTATION_PREFIX.length);
      const ref = containers.find((c) => c.container.name === name);
      annotatedContainers.add(name);
      reports.push({
        path: annotationPath(key3),
        target: "key",
        message: ref ? annotationMessage(
          describeContainer(ref),
          key3,
          value,
          seccompTypeOf(containerSetting(ref, "seccompProfile")),
          "securityContext.seccompProfile"
        ) : `${workload} sets the annotation ${key3}, which names no container and has been ignored since Kubernetes 1.27: remove it`
      });
    }
    if (podType === "Unconfined") {
      reports.push({
        path: [...podProfile.path, "type"],
        message: `${workload} sets securityContext.seccompProfile.type: Unconfined, turning off syscall filtering for its containers: use RuntimeDefault`
      });
    } else if (podProfile.value !== void 0 && !isSeccompType(podType)) {
      reports.push({ path: [...podProfile.path, "type"], message: `${workload} ${invalidType(podType)}` });
    }
    const missing = [];
    for (const ref of containers) {
      const own = containerSetting(ref, "seccompProfile");
      if (own !== void 0) {
        const type2 = seccompTypeOf(own);
        const at = [...containerSecurityContextPath(ref), "seccompProfile", "type"];
        if (type2 === "Unconfined") {
          reports.push({
            path: at,
            message: `${describeContainer(ref)} sets securityContext.seccompProfile.type: Unconfined and may make any system call: use RuntimeDefault`
          });
        } else if (!isSeccompType(type2)) {
          reports.push({ path: at, message: `${describeContainer(ref)} ${invalidType(type2)}` });
        }
        continue;
      }
      if (podProfile.value !== void 0) continue;
      if (annotatedContainers.has(ref.container.name)) continue;
      missing.push(ref);
    }
    if (!options.requireProfile || missing.length === 0) return reports;
    if (missing.length === containers.length) {
      if (podAnnotation === void 0) {
        reports.push({
          path: podProfile.path,
          message: `${workload} sets no seccomp profile, so its containers run Unconfined: set ${formatPath(podProfile.path)}.type: RuntimeDefault`
        });
      }
      return reports;
    }
    if (podAnnotation !== void 0) return reports;
    for (const ref of missing) {
      reports.push({
        path: [...containerSecurityContextPath(ref), "seccompProfile"],
        message: `${describeContainer(ref)} has no seccomp profile and the pod sets none: set securityContext.seccompProfile.type: RuntimeDefault here or in the pod's securityContext`
      });
    }
    return reports;
  }
});
function isSeccompType(type2) {
  return type2 === "RuntimeDefault" || type2 === "Localhost" || type2 === "Unconfined";
}
function invalidType(type2) {
  return type2 === void 0 ? "sets a seccompProfile without a type, which the API server rejects: set seccompProfile.type: RuntimeDefault" : `sets seccompProfile.type: ${type2}, which the API server rejects (it accepts RuntimeDefault, Localhost or Unconfined): use RuntimeDefault`;
}
function annotationMessage(who, key3, value, fieldType, fieldPath) {
  const prefix = `${who} sets the annotation ${key3}, ignored since Kubernetes 1.27`;
  if (fieldType === void 0) {
    return `${prefix}: remove it and set ${fieldPath}: ${seccompProfileForAnnotation(value)}`;
  }
  const annotationType = seccompTypeForAnnotation(value);
  if (annotationType !== void 0 && annotationType !== fieldType) {
    return `${prefix}, and its value "${value}" contradicts seccompProfile.type ${fieldType}, which the API server rejects: remove it`;
  }
  return `${prefix}: remove it, the seccompProfile field already sets the profile`;
}

// rules/selector-mismatch.ts
var CONTROLLERS = ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController"];
function describeLabels(labels2) {
  const entries = Object.entries(labels2);
  return entries.length === 0 ? "no labels" : `labels ${entries.map(([k, v]) => `${k}=${v}`).join(",")}`;
}
var selector_mismatch_default = defineRule({
  id: "selector-mismatch",
  meta: {
    description: "A controller's selector matches its own pod template labels",
    category: "correctness",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "object",
    rationale: "A controller finds its pods by its selector. If the selector does not match the template's labels, the API server rejects the object (`selector does not match template labels`), and an empty selector is refused too. In a pipeline that applies many objects this is one failed apply among many; caught here, it names the missing label. Checked: matchLabels and matchExpressions for Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs and CronJobs (when they set a selector), and the plain map of a ReplicationController (an absent selector defaults to the template labels).",
    remediation: "Give the template every label the selector requires, or narrow the selector. The selector of an apps/v1 workload is immutable: changing it means deleting and recreating the object (`kubectl delete --cascade=orphan`, then apply), so fix the template labels when you can.\n\n```yaml\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n```",
    defaults: {}
  },
  check({ object }) {
    if (!CONTROLLERS.some((kind) => isBuiltinKind(object, kind))) return [];
    const pod = podSpecOf(object);
    if (!pod) return [];
    const selectorPath = [...pod.metadataPath.slice(0, -2), "selector"];
    const raw = getPath(object.value, selectorPath);
    if (raw === void 0 || raw === null) return [];
    const rc = object.kind === "ReplicationController";
    const selector = rc ? parseMapSelector(raw) : parseLabelSelector(raw);
    if (!selector) return [];
    const what2 = `${object.kind ?? "object"} "${object.name ?? "(unnamed)"}"`;
    if (isEmptySelector(selector)) {
      if (rc) return [];
      return [
        {
          path: selectorPath,
          target: "key",
          message: `${what2} has an empty selector, which the API server rejects: select the template's labels (${describeLabels(pod.labels)})`
        }
      ];
    }
    if (selectorMatches(selector, pod.labels)) return [];
    return [
      {
        path: selectorPath,
        target: "key",
        message: `${what2} selects ${describeSelector(selector)} but its pod template has ${describeLabels(pod.labels)}: make the selector match the template labels`
      }
    ];
  }
});

// rules/service-selector.ts
var NEAR_MISS_POSTING_LIMIT = 500;
function nearMiss(index2, namespace, selector) {
  const wanted = Object.entries(selector.matchLabels).filter(([k]) => !isControllerLabel(k));
  const shared = /* @__PURE__ */ new Map();
  for (const [k, v] of wanted) {
    const pods = index2.podsWithLabel(namespace, k, v, NEAR_MISS_POSTING_LIMIT);
    for (const entry of pods ?? []) shared.set(entry, (shared.get(entry) ?? 0) + 1);
  }
  let best;
  let bestCount = 0;
  for (const [entry, count] of shared) {
    if (count > bestCount) {
      best = entry;
      bestCount = count;
    }
  }
  if (!best) return void 0;
  const labels2 = best.pod.labels;
  const podName = selector.matchLabels[POD_NAME_LABEL];
  if (bestCount === wanted.length && podName !== void 0) {
    const name = fixedNameOf(best.object) ?? "";
    return `${describeObject(best.object)} names its pods ${name}-0, ${name}-1, ..., not ${podName}`;
  }
  const lacks = wanted.filter(([k, v]) => labels2[k] !== v).map(([k, v]) => labels2[k] === void 0 ? `no ${k} label` : `${k}=${labels2[k] ?? ""}, not ${v}`);
  return `${describeObject(best.object)} has ${lacks.join(" and ")}`;
}
function otherNamespaces(index2, namespace, selector) {
  if (namespace === UNSET_NAMESPACE) return [];
  const found = new Set(index2.podsSelectedBy(UNSET_NAMESPACE, selector).map((e) => e.namespace));
  found.delete(namespace);
  found.delete(UNSET_NAMESPACE);
  return [...found].sort();
}
var CLUSTER_COMPONENTS = [
  "k8s-app=kube-dns",
  "k8s-app=kube-proxy",
  "k8s-app=kubelet",
  "component=etcd",
  "component=kube-apiserver",
  "component=kube-controller-manager",
  "component=kube-scheduler"
];
var service_selector_default = defineRule({
  id: "service-selector",
  meta: {
    description: "A Service selector matches the pods of a workload in its namespace",
    category: "correctness",
    defaultSeverity: "warning",
    presets: ["recommended"],
    scope: "run",
    rationale: "A Service sends traffic only to pods whose labels match every key of its selector, in its own namespace. A typo in a label, a label changed on the Deployment but not on the Service, or a Service in another namespace leaves the Service without endpoints: clients get connection refused while every object looks healthy. The rule compares each Service with the pod templates of every linted workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob). It judges a Service only when its namespace holds at least one linted pod template (or the selected pods are found in another namespace), and skips ExternalName Services and Services without a selector (their endpoints are managed by hand). Pods that an operator runs for a custom resource are not in the manifests: a Service is skipped when a selector value is the name of a custom resource of its namespace that has spec.replicas or is a Prometheus, Alertmanager or ThanosRuler (operators label their pods with the resource name). Services selecting Kubernetes control-plane components (ignoreSelectors) are skipped too; for other pods created outside the manifests add their labels to ignoreSelectors, or suppress the finding. An object without metadata.namespace matches any namespace, since it goes wherever the manifests are applied. Labels that controllers add to pods (pod-template-hash, statefulset.kubernetes.io/pod-name, ...) are taken as present. Argo Rollouts and OpenKruise CloneSets count as workloads.",
    remediation: "Make the Service selector a subset of the pod template labels (spec.template.metadata.labels) of the workload it fronts, in the same namespace, or lint the Service together with that workload.",
    options: {
      properties: {
        ignoreSelectors: {
          type: "array",
          items: { type: "string", pattern: "^[^=]+=.*$" },
          description: "Labels written `key=value`: a Service whose selector requires one of them is not checked (pods that the manifests do not create, or labels set at run time such as `vault-active=true`). The default lists Kubernetes control-plane components."
        }
      }
    },
    defaults: { ignoreSelectors: CLUSTER_COMPONENTS }
  },
  checkRun({ objects, options }) {
    const index2 = runIndexOf(objects);
    if (index2.pods.length === 0) return [];
    const ignored = new Set(options.ignoreSelectors);
    const reports = [];
    for (const object of objects) {
      if (!isBuiltinKind(object, "Service")) continue;
      const spec = object.value.spec;
      if (!isRecord4(spec) || spec.type === "ExternalName") continue;
      const selector = parseMapSelector(spec.selector);
      if (!selector || isEmptySelector(selector)) continue;
      if (Object.entries(selector.matchLabels).some(([k, v]) => ignored.has(`${k}=${v}`))) continue;
      const namespace = namespaceOf(object);
      if (index2.podsSelectedBy(namespace, selector).length > 0) continue;
      const elsewhere = otherNamespaces(index2, namespace, selector);
      if (index2.operatorResourceNamed(namespace, Object.values(selector.matchLabels))) continue;
      if (elsewhere.length === 0 && index2.podsIn(namespace).length === 0) continue;
      const near = nearMiss(index2, namespace, selector);
      let hint = "fix the selector or the pod labels";
      if (elsewhere.length > 0) {
        const names = elsewhere.map((n) => `"${n}"`).join(", ");
        hint = `pods with these labels run in namespace ${names}: put the Service in the namespace of its pods`;
      } else if (near !== void 0) hint = `${near}: fix the selector or the pod labels`;
      reports.push({
        object,
        path: ["spec", "selector"],
        message: `${describeObject(object)} selects ${describeSelector(selector)} but no linted pod template in ${describeNamespace(namespace)} has these labels; ${hint}`
      });
    }
    return reports;
  }
});

// src/k8s/ports.ts
function portNumber(value) {
  if (typeof value === "number") return Number.isInteger(value) ? value : void 0;
  if (typeof value === "string" && /^[0-9]+$/.test(value)) return Number(value);
  return void 0;
}
function declaredPorts2(containers) {
  const out = [];
  for (const ref of containers) {
    if (ref.type === "initContainer" && !ref.sidecar) continue;
    const ports = ref.container.ports;
    if (!Array.isArray(ports)) continue;
    for (const port2 of ports) {
      if (!isRecord4(port2)) continue;
      const containerPort = portNumber(port2.containerPort);
      if (containerPort === void 0) continue;
      out.push({
        containerPort,
        name: typeof port2.name === "string" && port2.name !== "" ? port2.name : void 0,
        protocol: typeof port2.protocol === "string" ? port2.protocol : "TCP",
        container: ref
      });
    }
  }
  return out;
}
function servicePorts(service) {
  const spec = service.value.spec;
  if (!isRecord4(spec) || !Array.isArray(spec.ports)) return [];
  const out = [];
  spec.ports.forEach((entry, index2) => {
    if (!isRecord4(entry)) return;
    const port2 = portNumber(entry.port);
    const rawTarget = entry.targetPort;
    const explicitTarget = rawTarget !== void 0 && rawTarget !== null && rawTarget !== "";
    let target;
    if (explicitTarget) target = portNumber(rawTarget) ?? (typeof rawTarget === "string" ? rawTarget : void 0);
    else target = port2;
    if (target === void 0) return;
    out.push({
      index: index2,
      name: typeof entry.name === "string" ? entry.name : void 0,
      port: port2,
      target,
      explicitTarget,
      protocol: typeof entry.protocol === "string" ? entry.protocol : "TCP",
      path: ["spec", "ports", index2, explicitTarget ? "targetPort" : "port"]
    });
  });
  return out;
}

// rules/service-target-port.ts
function describePort(port2) {
  return port2.name !== void 0 && port2.name !== "" ? `port "${port2.name}"` : `port ${port2.port ?? `#${port2.index}`}`;
}
function list(values) {
  return values.length > 6 ? `${values.slice(0, 6).join(", ")}, ...` : values.join(", ");
}
var service_target_port_default = defineRule({
  id: "service-target-port",
  meta: {
    description: "A Service targetPort is a port that the pods it selects declare",
    category: "correctness",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "run",
    rationale: "A named targetPort is looked up in each selected pod's container ports (name and protocol); a pod without it gets no traffic on that Service port, and when no selected pod has it the Service has no endpoints for the port. A numeric targetPort that no container declares usually means the Service and the Deployment disagree about the port after a change (8080 in one, 80 in the other). An unset targetPort is the same number as `port`, a frequent surprise. The rule judges a Service port only when the Service selects at least one linted pod template. A named port is reported when no selected pod template declares it (with the same protocol). Numeric ports are checked only with the checkNumeric option, and then only when every selected pod template declares container ports and none of them is that number: declaring ports is optional, and in real manifests most numeric mismatches are ports the application serves without declaring them.",
    remediation: "Point targetPort at a containerPort of the selected pods, by number or by its name (ports[].name of the container, same protocol), or declare the port in the container spec. Set targetPort explicitly when it differs from port.",
    options: {
      properties: {
        checkNumeric: {
          type: "boolean",
          description: "Also report numeric targetPorts that no selected container declares. Off by default: containerPort lists are often incomplete (gossip, admin and proxy ports served without being declared)."
        }
      }
    },
    defaults: { checkNumeric: false }
  },
  checkRun({ objects, options }) {
    const index2 = runIndexOf(objects);
    if (index2.pods.length === 0) return [];
    const reports = [];
    for (const object of objects) {
      if (!isBuiltinKind(object, "Service")) continue;
      const spec = object.value.spec;
      if (!isRecord4(spec) || spec.type === "ExternalName") continue;
      const selector = parseMapSelector(spec.selector);
      if (!selector || isEmptySelector(selector)) continue;
      const selected = index2.podsSelectedBy(namespaceOf(object), selector);
      if (selected.length === 0) continue;
      const portsByPod = selected.map((entry) => ({ entry, ports: declaredPorts2(containersOfEntry(entry)) }));
      const all = portsByPod.flatMap((p) => p.ports);
      const pods = [...new Set(selected.map((e) => describeObject(e.object)))];
      const who = pods.length === 1 ? `${pods[0] ?? ""} declares` : `the ${pods.length} selected pod templates (${list(pods)}) declare`;
      for (const port2 of servicePorts(object)) {
        const what2 = `${describeObject(object)} ${describePort(port2)}`;
        if (typeof port2.target === "string") {
          const name = port2.target;
          if (all.some((p) => p.name === name && p.protocol === port2.protocol)) continue;
          const otherProtocol = all.find((p) => p.name === name);
          const names = [...new Set(all.flatMap((p) => p.name === void 0 ? [] : [p.name]))];
          const near = closest(name, names);
          let message;
          if (otherProtocol) {
            message = `${what2} targets port "${name}" over ${port2.protocol} but ${who} it as ${otherProtocol.protocol}: make the protocols agree`;
          } else if (names.length === 0) {
            message = `${what2} targets port "${name}" but ${who} no named container port: name the containerPort "${name}" or use its number`;
          } else {
            message = `${what2} targets port "${name}" but ${who} only ${list(names.map((n) => `"${n}"`))}: ${near !== void 0 ? `did you mean "${near}"?` : "use one of these names or a number"}`;
          }
          reports.push({ object, path: port2.path, message });
          continue;
        }
        const number = port2.target;
        if (!options.checkNumeric) continue;
        if (portsByPod.some((p) => p.ports.length === 0)) continue;
        if (all.some((p) => p.containerPort === number)) continue;
        const numbers = [...new Set(all.map((p) => String(p.containerPort)))];
        const implicit = port2.explicitTarget ? "" : " (targetPort is unset, so it is the same as port)";
        reports.push({
          object,
          path: port2.path,
          message: `${what2} targets container port ${number}${implicit} but ${who} only ${list(numbers)}: set targetPort to the port the container listens on`
        });
      }
    }
    return reports;
  }
});

// rules/unknown-kind.ts
var TOOL_CONFIG_GROUPS = /* @__PURE__ */ new Set([
  "kustomize.config.k8s.io",
  "kubeadm.k8s.io",
  "kubelet.config.k8s.io",
  "kubeproxy.config.k8s.io",
  "kubescheduler.config.k8s.io",
  "apiserver.config.k8s.io",
  "apiserver.k8s.io",
  "audit.k8s.io",
  "client.authentication.k8s.io",
  "kind.x-k8s.io",
  "skaffold"
]);
var unknown_kind_default = defineRule({
  id: "unknown-kind",
  meta: {
    description: "Every apiVersion and kind is known to the target Kubernetes version or to a loaded CRD or schema",
    category: "correctness",
    defaultSeverity: "warning",
    presets: ["recommended"],
    scope: "object",
    rationale: 'An object whose apiVersion or kind the cluster does not serve is rejected ("no matches for kind"), and an object without a schema cannot be validated at all. A misspelled kind, an apiVersion the target version does not serve yet (or any more), or a custom resource whose CRD was not given all end up here.',
    remediation: "Correct the apiVersion or kind (the message suggests one). For custom resources, pass the CustomResourceDefinition with --crd (config crds) or a schema folder with --schemas (config schemas), lint the CRD together with its resources, or use --ignore-missing-schemas to skip objects without a schema.",
    defaults: {}
  },
  check({ object, env }) {
    const { apiVersion, kind } = object;
    if (apiVersion === void 0 || kind === void 0 || apiVersion === "" || kind === "") return [];
    if (TOOL_CONFIG_GROUPS.has(groupOf(apiVersion))) return [];
    const registry = registryFor(env);
    if (registry.sourceOf(apiVersion, kind) !== void 0) return [];
    if (registry.crd(apiVersion, kind) !== void 0) return [];
    if (deprecationOf(apiVersion, kind, env.kubernetesVersion)?.state === "removed") return [];
    const { path: path9, message } = explainUnknown(registry, apiVersion, kind);
    return [{ path: path9, message }];
  }
});

// rules/unused-disable.ts
var unused_disable_default = defineRule({
  id: "unused-disable",
  meta: {
    description: "Suppression comments and kube-lint.io/ignore annotations suppress something",
    category: "correctness",
    defaultSeverity: "warning",
    presets: [],
    scope: "builtin",
    rationale: "A suppression that no longer matches a finding hides the next real problem of that rule at that place. Reported only with --report-unused-disables (or when configured on).",
    remediation: "Remove the kube-lint-disable comment or the rule from the kube-lint.io/ignore annotation.",
    defaults: {}
  }
});

// rules/yaml-syntax.ts
var yaml_syntax_default = defineRule({
  id: "yaml-syntax",
  meta: {
    description: "Files are valid YAML: no syntax errors, no duplicate keys, no alias bombs",
    category: "correctness",
    defaultSeverity: "error",
    presets: ["recommended"],
    scope: "builtin",
    rationale: 'kubectl and the API server refuse a document that does not parse, and with a duplicate key only one of the two values is kept, silently. A document with a syntax error is not linted further; the other documents of the file still are. Input that kube-lint refuses to parse is reported here too: unresolved merge-conflict markers, nesting deeper than 256 levels, and aliases that form a cycle or expand to more than a million nodes. Because such a document was not linted, its finding is always an error and cannot be turned off or suppressed (the summary counts it as "not parsed"); the configured severity and suppressions apply to duplicate keys.',
    remediation: "Fix the YAML at the reported line: indentation, an unclosed quote or bracket, a tab used for indentation, a key written twice, or a merge conflict left unresolved.",
    defaults: {}
  }
});

// rules/index.ts
var rules = [
  // Correctness of the files and objects themselves.
  yaml_syntax_default,
  incomplete_object_default,
  schema_default,
  invalid_name_default,
  unknown_kind_default,
  deprecated_api_default,
  // Production practices (recommended).
  no_bare_pod_default,
  image_tag_default,
  resource_requests_default,
  resource_limits_default,
  requests_exceed_limits_default,
  liveness_probe_default,
  readiness_probe_default,
  probe_port_default,
  inline_secret_default,
  plaintext_secret_default,
  selector_mismatch_default,
  rolling_update_default,
  // Cross-resource checks (recommended).
  service_selector_default,
  service_target_port_default,
  hpa_missing_default,
  hpa_target_default,
  hpa_requests_default,
  hpa_replicas_default,
  duplicate_resource_default,
  // Availability and references (strict).
  min_replicas_default,
  pod_disruption_budget_default,
  dangling_reference_default,
  // Pod security (strict).
  privileged_default,
  privilege_escalation_default,
  run_as_non_root_default,
  read_only_root_fs_default,
  host_namespaces_default,
  host_path_default,
  capabilities_default,
  seccomp_profile_default,
  // Housekeeping.
  unused_disable_default
];

// src/version.ts
import { readFileSync as readFileSync4 } from "node:fs";
function readVersion() {
  for (const relative of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync4(new URL(relative, import.meta.url), "utf8"));
      if (pkg.name === "kube-lint" && typeof pkg.version === "string") return pkg.version;
    } catch {
    }
  }
  return "0.0.0";
}
var VERSION = readVersion();
var TOOL_NAME = "kube-lint";
var INFORMATION_URI = "https://github.com/kube-lint/kube-lint";

// src/load/read.ts
import fs from "node:fs";

// src/load/limits.ts
import v8 from "node:v8";
import vm from "node:vm";
var DEFAULT_LIMITS = {
  maxFileBytes: 32 * 1024 * 1024,
  maxDepth: 256,
  maxDocuments: 1e4,
  maxNodes: 1e6,
  maxAliases: 2e3,
  maxAliasCount: 1e4,
  maxHeapFraction: 0.6
};
function resolveLimits(overrides = {}) {
  const limits = { ...DEFAULT_LIMITS };
  for (const key3 of Object.keys(limits)) {
    const value = overrides[key3];
    if (typeof value === "number" && !Number.isNaN(value) && value >= 0) limits[key3] = value;
  }
  return limits;
}
var NL = 10;
var CR = 13;
var SPACE = 32;
var TAB = 9;
var HASH = 35;
var DQUOTE = 34;
var SQUOTE = 39;
var COLON = 58;
var COMMA = 44;
var DASH = 45;
var DOT = 46;
var QUESTION = 63;
var LBRACKET = 91;
var RBRACKET = 93;
var LBRACE = 123;
var RBRACE = 125;
var PIPE = 124;
var GT = 62;
var LT = 60;
var EQUALS = 61;
var AMP = 38;
var BANG = 33;
var PERCENT = 37;
var STAR = 42;
var BACKSLASH = 92;
var CONFLICT_CHARS = /* @__PURE__ */ new Set([LT, EQUALS, GT, PIPE]);
function isBlank(c) {
  return c === SPACE || c === TAB;
}
function scanYaml(text, limits) {
  const result = { conflicts: [], documents: 0, nodes: 0, aliases: 0, depth: 0 };
  const length = text.length;
  const block = [];
  let flow = 0;
  let quote = 0;
  let blockScalarParent = -2;
  let sawContent = false;
  let line = 0;
  let start = 0;
  const nodeAt = (column) => {
    result.nodes++;
    if (result.nodes > limits.maxNodes && !result.tooManyNodes) result.tooManyNodes = { line, column };
    return result.tooManyNodes !== void 0;
  };
  const alias = (column) => {
    result.aliases++;
    if (result.aliases > limits.maxAliases && !result.tooManyAliases) result.tooManyAliases = { line, column };
    return result.tooManyAliases !== void 0;
  };
  const deeper = (column) => {
    const depth = block.length + flow;
    if (depth > result.depth) result.depth = depth;
    if (depth > limits.maxDepth && !result.tooDeep) result.tooDeep = { line, column };
    return result.tooDeep !== void 0;
  };
  const openBlock = (column) => {
    while (block.length > 0 && (block[block.length - 1] ?? -1) >= column) block.pop();
    block.push(column);
    return deeper(column + 1);
  };
  let stop = 0;
  const c = (i) => i < stop ? text.charCodeAt(i) : NL;
  while (start <= length && !result.tooDeep && !result.tooManyNodes && !result.tooManyDocuments && !result.tooManyAliases) {
    line++;
    let end = text.indexOf("\n", start);
    if (end < 0) end = length;
    stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === CR) stop--;
    const next = end + 1;
    const first = c(start);
    if (CONFLICT_CHARS.has(first) && stop - start >= 7) {
      let same = 1;
      while (same < 7 && c(start + same) === first) same++;
      const after = c(start + 7);
      if (same === 7 && (after === NL || isBlank(after)) && (first !== EQUALS || text.slice(start + 7, stop).trim() === "")) {
        result.conflicts.push({ line, column: 1, marker: String.fromCharCode(first).repeat(7) });
        start = next;
        continue;
      }
    }
    let i = start;
    if ((first === DASH || first === DOT) && c(start + 1) === first && c(start + 2) === first && (c(start + 3) === NL || isBlank(c(start + 3)))) {
      quote = 0;
      blockScalarParent = -2;
      flow = 0;
      block.length = 0;
      if (first === DOT) {
        sawContent = false;
        start = next;
        continue;
      }
      result.documents++;
      sawContent = true;
      if (result.documents > limits.maxDocuments) {
        result.tooManyDocuments = { line, column: 1 };
        break;
      }
      i = start + 3;
    } else if (first === PERCENT && quote === 0 && flow === 0 && blockScalarParent < -1) {
      start = next;
      continue;
    }
    let indent = 0;
    while (c(start + indent) === SPACE) indent++;
    if (blockScalarParent >= -1) {
      const blank = c(start + indent) === NL || isBlank(c(start + indent)) && text.slice(start, stop).trim() === "";
      if (blank || indent > blockScalarParent) {
        start = next;
        continue;
      }
      blockScalarParent = -2;
    }
    const readQuote = (from, q) => {
      let j = from;
      while (j < stop) {
        const ch = text.charCodeAt(j);
        if (q === DQUOTE && ch === BACKSLASH) {
          j += 2;
          continue;
        }
        if (ch === q) {
          if (q === SQUOTE && c(j + 1) === SQUOTE) {
            j += 2;
            continue;
          }
          return j + 1;
        }
        j++;
      }
      return -1;
    };
    let tokenStart = true;
    if (quote !== 0) {
      const after = readQuote(start, quote);
      if (after < 0) {
        start = next;
        continue;
      }
      quote = 0;
      i = after;
      tokenStart = false;
    } else if (i === start) {
      i = start + indent;
      if (flow === 0) {
        const ch = c(i);
        if (ch === NL || ch === HASH) {
          start = next;
          continue;
        }
        while (block.length > 0 && (block[block.length - 1] ?? -1) >= indent) block.pop();
      }
    }
    if (!sawContent) {
      const ch = c(i);
      if (ch !== NL && ch !== HASH) {
        sawContent = true;
        result.documents++;
      }
    }
    let keyColumn = -1;
    let stopLine = false;
    while (i < stop && !stopLine) {
      const ch = text.charCodeAt(i);
      const column = i - start + 1;
      if (isBlank(ch)) {
        i++;
        continue;
      }
      if (ch === HASH && (i === start || isBlank(text.charCodeAt(i - 1)))) break;
      if (flow > 0) {
        if (ch === LBRACKET || ch === LBRACE) {
          flow++;
          if (nodeAt(column) || deeper(column)) break;
          i++;
          tokenStart = true;
          continue;
        }
        if (ch === RBRACKET || ch === RBRACE) {
          flow--;
          i++;
          tokenStart = false;
          continue;
        }
        if (ch === COMMA) {
          i++;
          tokenStart = true;
          continue;
        }
        if (ch === COLON) {
          i++;
          tokenStart = true;
          continue;
        }
        if ((ch === DQUOTE || ch === SQUOTE) && tokenStart) {
          if (nodeAt(column)) break;
          const after = readQuote(i + 1, ch);
          if (after < 0) {
            quote = ch;
            break;
          }
          i = after;
          tokenStart = false;
          continue;
        }
        if (tokenStart) {
          if (nodeAt(column) || ch === STAR && alias(column)) break;
          tokenStart = false;
        }
        i++;
        while (i < stop) {
          const d = text.charCodeAt(i);
          if (d === COMMA || d === LBRACKET || d === RBRACKET || d === LBRACE || d === RBRACE) break;
          if (d === COLON && (isBlank(c(i + 1)) || c(i + 1) === NL)) break;
          if (d === HASH && isBlank(text.charCodeAt(i - 1))) break;
          i++;
        }
        continue;
      }
      if (!tokenStart) {
        if (ch === COLON && (isBlank(c(i + 1)) || c(i + 1) === NL)) {
          if (keyColumn >= 0 && openBlock(keyColumn)) break;
          keyColumn = -1;
          tokenStart = true;
          i++;
          continue;
        }
        i++;
        continue;
      }
      const following = c(i + 1);
      if ((ch === DASH || ch === QUESTION) && (isBlank(following) || following === NL)) {
        if (nodeAt(column) || openBlock(i - start)) break;
        i++;
        continue;
      }
      if (ch === COLON && (isBlank(following) || following === NL)) {
        i++;
        continue;
      }
      if (ch === LBRACKET || ch === LBRACE) {
        flow = 1;
        if (nodeAt(column) || deeper(column)) break;
        i++;
        tokenStart = true;
        continue;
      }
      if (ch === PIPE || ch === GT) {
        if (nodeAt(column)) break;
        blockScalarParent = block.length > 0 ? block[block.length - 1] ?? -1 : -1;
        stopLine = true;
        continue;
      }
      if (ch === AMP || ch === BANG) {
        while (i < stop && !isBlank(text.charCodeAt(i))) i++;
        continue;
      }
      if (ch === DQUOTE || ch === SQUOTE) {
        if (nodeAt(column)) break;
        keyColumn = i - start;
        const after = readQuote(i + 1, ch);
        if (after < 0) {
          quote = ch;
          break;
        }
        i = after;
        tokenStart = false;
        continue;
      }
      if (nodeAt(column) || ch === STAR && alias(column)) break;
      keyColumn = i - start;
      tokenStart = false;
      i++;
      while (i < stop) {
        const d = text.charCodeAt(i);
        if (d === COLON && (isBlank(c(i + 1)) || c(i + 1) === NL)) break;
        if (d === HASH && isBlank(text.charCodeAt(i - 1))) break;
        i++;
      }
    }
    start = next;
    if (end >= length) break;
  }
  return result;
}
function estimatedDocuments(scan) {
  return Math.max(1, scan.documents);
}
var collect = null;
function garbageCollector() {
  if (collect !== null) return collect;
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc");
    collect = typeof gc === "function" ? gc : void 0;
  } catch {
    collect = void 0;
  }
  return collect;
}
function readHeap() {
  const stats = v8.getHeapStatistics();
  return { used: stats.used_heap_size, limit: stats.heap_size_limit };
}
var HeapGuard = class {
  constructor(fraction, read = readHeap) {
    this.fraction = fraction;
    this.read = read;
  }
  fraction;
  read;
  liveAfterCollection = -1;
  /** The reading that says the heap is too full to go on, or undefined. */
  check() {
    const reading = this.read();
    const threshold = this.fraction * reading.limit;
    if (reading.used <= threshold) return void 0;
    if (this.liveAfterCollection >= 0 && reading.used < this.liveAfterCollection + 0.1 * reading.limit) return void 0;
    const gc = garbageCollector();
    if (!gc) return reading;
    gc();
    const after = this.read();
    this.liveAfterCollection = after.used;
    return after.used > threshold ? after : void 0;
  }
};
function isContainer(value) {
  if (Array.isArray(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
function measureValue(root, limits) {
  let nodes = 1;
  if (!isContainer(root)) return { nodes };
  const path9 = [];
  const onPath = /* @__PURE__ */ new Set([root]);
  const stack = [{ value: root, keys: Array.isArray(root) ? [] : Object.keys(root), next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (!frame) break;
    const size = Array.isArray(frame.value) ? frame.value.length : frame.keys.length;
    if (frame.next >= size) {
      stack.pop();
      onPath.delete(frame.value);
      path9.pop();
      continue;
    }
    const key3 = Array.isArray(frame.value) ? frame.next : frame.keys[frame.next] ?? "";
    frame.next++;
    const child = Array.isArray(frame.value) ? frame.value[key3] : frame.value[key3];
    nodes++;
    if (nodes > limits.maxNodes) return { problem: { kind: "size", path: [...path9, key3] }, nodes };
    if (!isContainer(child)) continue;
    if (onPath.has(child)) return { problem: { kind: "cycle", path: [...path9, key3] }, nodes };
    if (stack.length + 1 > limits.maxDepth) return { problem: { kind: "depth", path: [...path9, key3] }, nodes };
    path9.push(key3);
    onPath.add(child);
    stack.push({ value: child, keys: Array.isArray(child) ? [] : Object.keys(child), next: 0 });
  }
  return { nodes };
}

// src/load/read.ts
var DEFAULT_MAX_FILE_BYTES = DEFAULT_LIMITS.maxFileBytes;
function decodeUtf16(buffer, encoding) {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(buffer.subarray(2)) };
  } catch {
    return { ok: false, status: "failed", reason: `not valid ${encoding.toUpperCase()} after its byte-order mark: save the file as UTF-8` };
  }
}
function looksLikeBomlessUtf16(probe) {
  if (probe.length < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < probe.length; i++) {
    if (probe[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const half = Math.floor(probe.length / 2);
  return odd >= half * 0.9 && even === 0 || even >= half * 0.9 && odd === 0;
}
function decodeBuffer(buffer) {
  const [b0, b1, b2, b3] = buffer;
  if (b0 === 255 && b1 === 254 && b2 === 0 && b3 === 0 || b0 === 0 && b1 === 0 && b2 === 254 && b3 === 255) {
    return { ok: false, status: "failed", reason: "UTF-32 text is not supported: save the file as UTF-8" };
  }
  if (b0 === 255 && b1 === 254) return decodeUtf16(buffer, "utf-16le");
  if (b0 === 254 && b1 === 255) return decodeUtf16(buffer, "utf-16be");
  const probe = buffer.subarray(0, 8192);
  if (probe.includes(0)) {
    if (looksLikeBomlessUtf16(probe)) {
      return { ok: false, status: "failed", reason: "looks like UTF-16 without a byte-order mark: save the file as UTF-8" };
    }
    return { ok: false, status: "skipped", reason: "binary file (contains NUL bytes), not YAML" };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(buffer);
    return { ok: true, text };
  } catch {
    const at = firstInvalidUtf8(buffer);
    const line = buffer.subarray(0, at).reduce((n, byte) => byte === 10 ? n + 1 : n, 1);
    return {
      ok: false,
      status: "failed",
      reason: `not valid UTF-8 (first bad byte at offset ${at}, line ${line}): save the file as UTF-8`
    };
  }
}
function firstInvalidUtf8(buffer) {
  let i = 0;
  while (i < buffer.length) {
    const b = buffer[i] ?? 0;
    const need = b < 128 ? 0 : b >= 194 && b <= 223 ? 1 : b >= 224 && b <= 239 ? 2 : b >= 240 && b <= 244 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = buffer[i + k];
      if (c === void 0 || (c & 192) !== 128) return i;
    }
    const c1 = buffer[i + 1] ?? 0;
    if (b === 224 && c1 < 160 || b === 237 && c1 >= 160 || b === 240 && c1 < 144 || b === 244 && c1 >= 144) return i;
    i += need + 1;
  }
  return i;
}
function tooLargeReason(size, maxBytes, subject = "file") {
  const what2 = size === void 0 ? `${subject} is` : `${subject} is ${size} bytes,`;
  return `${what2} over the ${maxBytes}-byte limit (--max-file-size): split it or raise the limit`;
}
function reasonOf(error) {
  const code = error.code;
  switch (code) {
    case "ENOENT":
      return "file disappeared before it could be read";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a folder";
    case "ELOOP":
      return "too many levels of symbolic links";
    default:
      return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
  }
}
var OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
function readManifest(absolutePath, maxBytes = DEFAULT_MAX_FILE_BYTES) {
  let fd;
  try {
    fd = fs.openSync(absolutePath, OPEN_FLAGS);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, status: "failed", reason: "not a regular file" };
    if (stat.size > maxBytes) return { ok: false, status: "failed", reason: tooLargeReason(stat.size, maxBytes) };
    const chunks = [];
    let total = 0;
    for (; ; ) {
      const want = Math.min(total < stat.size ? stat.size - total + 1 : 1 << 16, maxBytes + 1 - total, 1 << 20);
      const chunk = Buffer.allocUnsafe(want);
      const bytesRead = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { ok: false, status: "failed", reason: tooLargeReason(void 0, maxBytes) };
    }
    return decodeBuffer(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, total));
  } catch (error) {
    return { ok: false, status: "failed", reason: reasonOf(error) };
  } finally {
    if (fd !== void 0) {
      try {
        fs.closeSync(fd);
      } catch {
      }
    }
  }
}
function* readManifests(files, options = {}) {
  for (const file2 of files) yield [file2, readManifest(file2.absolutePath, options.maxBytes)];
}

// node_modules/js-yaml/dist/js-yaml.mjs
function getDefaultExportFromCjs(x) {
  return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, "default") ? x["default"] : x;
}
var jsYaml = {};
var loader = {};
var common = {};
var hasRequiredCommon;
function requireCommon() {
  if (hasRequiredCommon) return common;
  hasRequiredCommon = 1;
  function isNothing(subject) {
    return typeof subject === "undefined" || subject === null;
  }
  function isObject(subject) {
    return typeof subject === "object" && subject !== null;
  }
  function toArray(sequence) {
    if (Array.isArray(sequence)) return sequence;
    else if (isNothing(sequence)) return [];
    return [sequence];
  }
  function extend(target, source) {
    if (source) {
      const sourceKeys = Object.keys(source);
      for (let index2 = 0, length = sourceKeys.length; index2 < length; index2 += 1) {
        const key3 = sourceKeys[index2];
        target[key3] = source[key3];
      }
    }
    return target;
  }
  function repeat(string, count) {
    let result = "";
    for (let cycle = 0; cycle < count; cycle += 1) {
      result += string;
    }
    return result;
  }
  function isNegativeZero(number) {
    return number === 0 && Number.NEGATIVE_INFINITY === 1 / number;
  }
  common.isNothing = isNothing;
  common.isObject = isObject;
  common.toArray = toArray;
  common.repeat = repeat;
  common.isNegativeZero = isNegativeZero;
  common.extend = extend;
  return common;
}
var exception;
var hasRequiredException;
function requireException() {
  if (hasRequiredException) return exception;
  hasRequiredException = 1;
  function formatError(exception2, compact) {
    let where = "";
    const message = exception2.reason || "(unknown reason)";
    if (!exception2.mark) return message;
    if (exception2.mark.name) {
      where += 'in "' + exception2.mark.name + '" ';
    }
    where += "(" + (exception2.mark.line + 1) + ":" + (exception2.mark.column + 1) + ")";
    if (!compact && exception2.mark.snippet) {
      where += "\n\n" + exception2.mark.snippet;
    }
    return message + " " + where;
  }
  function YAMLException2(reason, mark) {
    Error.call(this);
    this.name = "YAMLException";
    this.reason = reason;
    this.mark = mark;
    this.message = formatError(this, false);
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    } else {
      this.stack = new Error().stack || "";
    }
  }
  YAMLException2.prototype = Object.create(Error.prototype);
  YAMLException2.prototype.constructor = YAMLException2;
  YAMLException2.prototype.toString = function toString(compact) {
    return this.name + ": " + formatError(this, compact);
  };
  exception = YAMLException2;
  return exception;
}
var snippet;
var hasRequiredSnippet;
function requireSnippet() {
  if (hasRequiredSnippet) return snippet;
  hasRequiredSnippet = 1;
  const common2 = requireCommon();
  function getLine(buffer, lineStart, lineEnd, position, maxLineLength) {
    let head = "";
    let tail = "";
    const maxHalfLength = Math.floor(maxLineLength / 2) - 1;
    if (position - lineStart > maxHalfLength) {
      head = " ... ";
      lineStart = position - maxHalfLength + head.length;
    }
    if (lineEnd - position > maxHalfLength) {
      tail = " ...";
      lineEnd = position + maxHalfLength - tail.length;
    }
    return {
      str: head + buffer.slice(lineStart, lineEnd).replace(/\t/g, "→") + tail,
      pos: position - lineStart + head.length
      // relative position
    };
  }
  function padStart(string, max) {
    return common2.repeat(" ", max - string.length) + string;
  }
  function makeSnippet(mark, options) {
    options = Object.create(options || null);
    if (!mark.buffer) return null;
    if (!options.maxLength) options.maxLength = 79;
    if (typeof options.indent !== "number") options.indent = 1;
    if (typeof options.linesBefore !== "number") options.linesBefore = 3;
    if (typeof options.linesAfter !== "number") options.linesAfter = 2;
    const re = /\r?\n|\r|\0/g;
    const lineStarts = [0];
    const lineEnds = [];
    let match;
    let foundLineNo = -1;
    while (match = re.exec(mark.buffer)) {
      lineEnds.push(match.index);
      lineStarts.push(match.index + match[0].length);
      if (mark.position <= match.index && foundLineNo < 0) {
        foundLineNo = lineStarts.length - 2;
      }
    }
    if (foundLineNo < 0) foundLineNo = lineStarts.length - 1;
    let result = "";
    const lineNoLength = Math.min(mark.line + options.linesAfter, lineEnds.length).toString().length;
    const maxLineLength = options.maxLength - (options.indent + lineNoLength + 3);
    for (let i = 1; i <= options.linesBefore; i++) {
      if (foundLineNo - i < 0) break;
      const line2 = getLine(
        mark.buffer,
        lineStarts[foundLineNo - i],
        lineEnds[foundLineNo - i],
        mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo - i]),
        maxLineLength
      );
      result = common2.repeat(" ", options.indent) + padStart((mark.line - i + 1).toString(), lineNoLength) + " | " + line2.str + "\n" + result;
    }
    const line = getLine(mark.buffer, lineStarts[foundLineNo], lineEnds[foundLineNo], mark.position, maxLineLength);
    result += common2.repeat(" ", options.indent) + padStart((mark.line + 1).toString(), lineNoLength) + " | " + line.str + "\n";
    result += common2.repeat("-", options.indent + lineNoLength + 3 + line.pos) + "^\n";
    for (let i = 1; i <= options.linesAfter; i++) {
      if (foundLineNo + i >= lineEnds.length) break;
      const line2 = getLine(
        mark.buffer,
        lineStarts[foundLineNo + i],
        lineEnds[foundLineNo + i],
        mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo + i]),
        maxLineLength
      );
      result += common2.repeat(" ", options.indent) + padStart((mark.line + i + 1).toString(), lineNoLength) + " | " + line2.str + "\n";
    }
    return result.replace(/\n$/, "");
  }
  snippet = makeSnippet;
  return snippet;
}
var type;
var hasRequiredType;
function requireType() {
  if (hasRequiredType) return type;
  hasRequiredType = 1;
  const YAMLException2 = requireException();
  const TYPE_CONSTRUCTOR_OPTIONS = [
    "kind",
    "multi",
    "resolve",
    "construct",
    "instanceOf",
    "predicate",
    "represent",
    "representName",
    "defaultStyle",
    "styleAliases"
  ];
  const YAML_NODE_KINDS = [
    "scalar",
    "sequence",
    "mapping"
  ];
  function compileStyleAliases(map2) {
    const result = {};
    if (map2 !== null) {
      Object.keys(map2).forEach(function(style) {
        map2[style].forEach(function(alias) {
          result[String(alias)] = style;
        });
      });
    }
    return result;
  }
  function Type2(tag, options) {
    options = options || {};
    Object.keys(options).forEach(function(name) {
      if (TYPE_CONSTRUCTOR_OPTIONS.indexOf(name) === -1) {
        throw new YAMLException2('Unknown option "' + name + '" is met in definition of "' + tag + '" YAML type.');
      }
    });
    this.options = options;
    this.tag = tag;
    this.kind = options["kind"] || null;
    this.resolve = options["resolve"] || function() {
      return true;
    };
    this.construct = options["construct"] || function(data) {
      return data;
    };
    this.instanceOf = options["instanceOf"] || null;
    this.predicate = options["predicate"] || null;
    this.represent = options["represent"] || null;
    this.representName = options["representName"] || null;
    this.defaultStyle = options["defaultStyle"] || null;
    this.multi = options["multi"] || false;
    this.styleAliases = compileStyleAliases(options["styleAliases"] || null);
    if (YAML_NODE_KINDS.indexOf(this.kind) === -1) {
      throw new YAMLException2('Unknown kind "' + this.kind + '" is specified for "' + tag + '" YAML type.');
    }
  }
  type = Type2;
  return type;
}
var schema;
var hasRequiredSchema;
function requireSchema() {
  if (hasRequiredSchema) return schema;
  hasRequiredSchema = 1;
  const YAMLException2 = requireException();
  const Type2 = requireType();
  function compileList(schema2, name) {
    const result = [];
    schema2[name].forEach(function(currentType) {
      let newIndex = result.length;
      result.forEach(function(previousType, previousIndex) {
        if (previousType.tag === currentType.tag && previousType.kind === currentType.kind && previousType.multi === currentType.multi) {
          newIndex = previousIndex;
        }
      });
      result[newIndex] = currentType;
    });
    return result;
  }
  function compileMap() {
    const result = {
      scalar: {},
      sequence: {},
      mapping: {},
      fallback: {},
      multi: {
        scalar: [],
        sequence: [],
        mapping: [],
        fallback: []
      }
    };
    function collectType(type2) {
      if (type2.multi) {
        result.multi[type2.kind].push(type2);
        result.multi["fallback"].push(type2);
      } else {
        result[type2.kind][type2.tag] = result["fallback"][type2.tag] = type2;
      }
    }
    for (let index2 = 0, length = arguments.length; index2 < length; index2 += 1) {
      arguments[index2].forEach(collectType);
    }
    return result;
  }
  function Schema2(definition) {
    return this.extend(definition);
  }
  Schema2.prototype.extend = function extend(definition) {
    let implicit = [];
    let explicit = [];
    if (definition instanceof Type2) {
      explicit.push(definition);
    } else if (Array.isArray(definition)) {
      explicit = explicit.concat(definition);
    } else if (definition && (Array.isArray(definition.implicit) || Array.isArray(definition.explicit))) {
      if (definition.implicit) implicit = implicit.concat(definition.implicit);
      if (definition.explicit) explicit = explicit.concat(definition.explicit);
    } else {
      throw new YAMLException2("Schema.extend argument should be a Type, [ Type ], or a schema definition ({ implicit: [...], explicit: [...] })");
    }
    implicit.forEach(function(type2) {
      if (!(type2 instanceof Type2)) {
        throw new YAMLException2("Specified list of YAML types (or a single Type object) contains a non-Type object.");
      }
      if (type2.loadKind && type2.loadKind !== "scalar") {
        throw new YAMLException2("There is a non-scalar type in the implicit list of a schema. Implicit resolving of such types is not supported.");
      }
      if (type2.multi) {
        throw new YAMLException2("There is a multi type in the implicit list of a schema. Multi tags can only be listed as explicit.");
      }
    });
    explicit.forEach(function(type2) {
      if (!(type2 instanceof Type2)) {
        throw new YAMLException2("Specified list of YAML types (or a single Type object) contains a non-Type object.");
      }
    });
    const result = Object.create(Schema2.prototype);
    result.implicit = (this.implicit || []).concat(implicit);
    result.explicit = (this.explicit || []).concat(explicit);
    result.compiledImplicit = compileList(result, "implicit");
    result.compiledExplicit = compileList(result, "explicit");
    result.compiledTypeMap = compileMap(result.compiledImplicit, result.compiledExplicit);
    return result;
  };
  schema = Schema2;
  return schema;
}
var str2;
var hasRequiredStr;
function requireStr() {
  if (hasRequiredStr) return str2;
  hasRequiredStr = 1;
  const Type2 = requireType();
  str2 = new Type2("tag:yaml.org,2002:str", {
    kind: "scalar",
    construct: function(data) {
      return data !== null ? data : "";
    }
  });
  return str2;
}
var seq;
var hasRequiredSeq;
function requireSeq() {
  if (hasRequiredSeq) return seq;
  hasRequiredSeq = 1;
  const Type2 = requireType();
  seq = new Type2("tag:yaml.org,2002:seq", {
    kind: "sequence",
    construct: function(data) {
      return data !== null ? data : [];
    }
  });
  return seq;
}
var map;
var hasRequiredMap;
function requireMap() {
  if (hasRequiredMap) return map;
  hasRequiredMap = 1;
  const Type2 = requireType();
  map = new Type2("tag:yaml.org,2002:map", {
    kind: "mapping",
    construct: function(data) {
      return data !== null ? data : {};
    }
  });
  return map;
}
var failsafe;
var hasRequiredFailsafe;
function requireFailsafe() {
  if (hasRequiredFailsafe) return failsafe;
  hasRequiredFailsafe = 1;
  const Schema2 = requireSchema();
  failsafe = new Schema2({
    explicit: [
      requireStr(),
      requireSeq(),
      requireMap()
    ]
  });
  return failsafe;
}
var _null;
var hasRequired_null;
function require_null() {
  if (hasRequired_null) return _null;
  hasRequired_null = 1;
  const Type2 = requireType();
  function resolveYamlNull(data) {
    if (data === null) return true;
    const max = data.length;
    return max === 1 && data === "~" || max === 4 && (data === "null" || data === "Null" || data === "NULL");
  }
  function constructYamlNull() {
    return null;
  }
  function isNull(object) {
    return object === null;
  }
  _null = new Type2("tag:yaml.org,2002:null", {
    kind: "scalar",
    resolve: resolveYamlNull,
    construct: constructYamlNull,
    predicate: isNull,
    represent: {
      canonical: function() {
        return "~";
      },
      lowercase: function() {
        return "null";
      },
      uppercase: function() {
        return "NULL";
      },
      camelcase: function() {
        return "Null";
      },
      empty: function() {
        return "";
      }
    },
    defaultStyle: "lowercase"
  });
  return _null;
}
var bool;
var hasRequiredBool;
function requireBool() {
  if (hasRequiredBool) return bool;
  hasRequiredBool = 1;
  const Type2 = requireType();
  function resolveYamlBoolean(data) {
    if (data === null) return false;
    const max = data.length;
    return max === 4 && (data === "true" || data === "True" || data === "TRUE") || max === 5 && (data === "false" || data === "False" || data === "FALSE");
  }
  function constructYamlBoolean(data) {
    return data === "true" || data === "True" || data === "TRUE";
  }
  function isBoolean(object) {
    return Object.prototype.toString.call(object) === "[object Boolean]";
  }
  bool = new Type2("tag:yaml.org,2002:bool", {
    kind: "scalar",
    resolve: resolveYamlBoolean,
    construct: constructYamlBoolean,
    predicate: isBoolean,
    represent: {
      lowercase: function(object) {
        return object ? "true" : "false";
      },
      uppercase: function(object) {
        return object ? "TRUE" : "FALSE";
      },
      camelcase: function(object) {
        return object ? "True" : "False";
      }
    },
    defaultStyle: "lowercase"
  });
  return bool;
}
var int;
var hasRequiredInt;
function requireInt() {
  if (hasRequiredInt) return int;
  hasRequiredInt = 1;
  const common2 = requireCommon();
  const Type2 = requireType();
  function isHexCode(c) {
    return c >= 48 && c <= 57 || c >= 65 && c <= 70 || c >= 97 && c <= 102;
  }
  function isOctCode(c) {
    return c >= 48 && c <= 55;
  }
  function isDecCode(c) {
    return c >= 48 && c <= 57;
  }
  function resolveYamlInteger(data) {
    if (data === null) return false;
    const max = data.length;
    let index2 = 0;
    let hasDigits = false;
    if (!max) return false;
    let ch = data[index2];
    if (ch === "-" || ch === "+") {
      ch = data[++index2];
    }
    if (ch === "0") {
      if (index2 + 1 === max) return true;
      ch = data[++index2];
      if (ch === "b") {
        index2++;
        for (; index2 < max; index2++) {
          ch = data[index2];
          if (ch !== "0" && ch !== "1") return false;
          hasDigits = true;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
      if (ch === "x") {
        index2++;
        for (; index2 < max; index2++) {
          if (!isHexCode(data.charCodeAt(index2))) return false;
          hasDigits = true;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
      if (ch === "o") {
        index2++;
        for (; index2 < max; index2++) {
          if (!isOctCode(data.charCodeAt(index2))) return false;
          hasDigits = true;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
    }
    for (; index2 < max; index2++) {
      if (!isDecCode(data.charCodeAt(index2))) {
        return false;
      }
      hasDigits = true;
    }
    if (!hasDigits) return false;
    return isFinite(parseYamlInteger(data));
  }
  function parseYamlInteger(data) {
    let value = data;
    let sign = 1;
    let ch = value[0];
    if (ch === "-" || ch === "+") {
      if (ch === "-") sign = -1;
      value = value.slice(1);
      ch = value[0];
    }
    if (value === "0") return 0;
    if (ch === "0") {
      if (value[1] === "b") return sign * parseInt(value.slice(2), 2);
      if (value[1] === "x") return sign * parseInt(value.slice(2), 16);
      if (value[1] === "o") return sign * parseInt(value.slice(2), 8);
    }
    return sign * parseInt(value, 10);
  }
  function constructYamlInteger(data) {
    return parseYamlInteger(data);
  }
  function isInteger(object) {
    return Object.prototype.toString.call(object) === "[object Number]" && (object % 1 === 0 && !common2.isNegativeZero(object));
  }
  int = new Type2("tag:yaml.org,2002:int", {
    kind: "scalar",
    resolve: resolveYamlInteger,
    construct: constructYamlInteger,
    predicate: isInteger,
    represent: {
      binary: function(obj) {
        return obj >= 0 ? "0b" + obj.toString(2) : "-0b" + obj.toString(2).slice(1);
      },
      octal: function(obj) {
        return obj >= 0 ? "0o" + obj.toString(8) : "-0o" + obj.toString(8).slice(1);
      },
      decimal: function(obj) {
        return obj.toString(10);
      },
      hexadecimal: function(obj) {
        return obj >= 0 ? "0x" + obj.toString(16).toUpperCase() : "-0x" + obj.toString(16).toUpperCase().slice(1);
      }
    },
    defaultStyle: "decimal",
    styleAliases: {
      binary: [2, "bin"],
      octal: [8, "oct"],
      decimal: [10, "dec"],
      hexadecimal: [16, "hex"]
    }
  });
  return int;
}
var float;
var hasRequiredFloat;
function requireFloat() {
  if (hasRequiredFloat) return float;
  hasRequiredFloat = 1;
  const common2 = requireCommon();
  const Type2 = requireType();
  const YAML_FLOAT_PATTERN = new RegExp(
    // 2.5e4, 2.5 and integers
    "^(?:[-+]?(?:[0-9]+)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
  );
  const YAML_FLOAT_SPECIAL_PATTERN = new RegExp(
    "^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
  );
  function resolveYamlFloat(data) {
    if (data === null) return false;
    if (!YAML_FLOAT_PATTERN.test(data)) {
      return false;
    }
    if (isFinite(parseFloat(data, 10))) {
      return true;
    }
    return YAML_FLOAT_SPECIAL_PATTERN.test(data);
  }
  function constructYamlFloat(data) {
    let value = data.toLowerCase();
    const sign = value[0] === "-" ? -1 : 1;
    if ("+-".indexOf(value[0]) >= 0) {
      value = value.slice(1);
    }
    if (value === ".inf") {
      return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    } else if (value === ".nan") {
      return NaN;
    }
    return sign * parseFloat(value, 10);
  }
  const SCIENTIFIC_WITHOUT_DOT = /^[-+]?[0-9]+e/;
  function representYamlFloat(object, style) {
    if (isNaN(object)) {
      switch (style) {
        case "lowercase":
          return ".nan";
        case "uppercase":
          return ".NAN";
        case "camelcase":
          return ".NaN";
      }
    } else if (Number.POSITIVE_INFINITY === object) {
      switch (style) {
        case "lowercase":
          return ".inf";
        case "uppercase":
          return ".INF";
        case "camelcase":
          return ".Inf";
      }
    } else if (Number.NEGATIVE_INFINITY === object) {
      switch (style) {
        case "lowercase":
          return "-.inf";
        case "uppercase":
          return "-.INF";
        case "camelcase":
          return "-.Inf";
      }
    } else if (common2.isNegativeZero(object)) {
      return "-0.0";
    }
    const res = object.toString(10);
    return SCIENTIFIC_WITHOUT_DOT.test(res) ? res.replace("e", ".e") : res;
  }
  function isFloat(object) {
    return Object.prototype.toString.call(object) === "[object Number]" && (object % 1 !== 0 || common2.isNegativeZero(object));
  }
  float = new Type2("tag:yaml.org,2002:float", {
    kind: "scalar",
    resolve: resolveYamlFloat,
    construct: constructYamlFloat,
    predicate: isFloat,
    represent: representYamlFloat,
    defaultStyle: "lowercase"
  });
  return float;
}
var json;
var hasRequiredJson;
function requireJson() {
  if (hasRequiredJson) return json;
  hasRequiredJson = 1;
  json = requireFailsafe().extend({
    implicit: [
      require_null(),
      requireBool(),
      requireInt(),
      requireFloat()
    ]
  });
  return json;
}
var core;
var hasRequiredCore;
function requireCore() {
  if (hasRequiredCore) return core;
  hasRequiredCore = 1;
  core = requireJson();
  return core;
}
var timestamp;
var hasRequiredTimestamp;
function requireTimestamp() {
  if (hasRequiredTimestamp) return timestamp;
  hasRequiredTimestamp = 1;
  const Type2 = requireType();
  const YAML_DATE_REGEXP = new RegExp(
    "^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$"
  );
  const YAML_TIMESTAMP_REGEXP = new RegExp(
    "^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$"
  );
  function resolveYamlTimestamp(data) {
    if (data === null) return false;
    if (YAML_DATE_REGEXP.exec(data) !== null) return true;
    if (YAML_TIMESTAMP_REGEXP.exec(data) !== null) return true;
    return false;
  }
  function constructYamlTimestamp(data) {
    let fraction = 0;
    let delta = null;
    let match = YAML_DATE_REGEXP.exec(data);
    if (match === null) match = YAML_TIMESTAMP_REGEXP.exec(data);
    if (match === null) throw new Error("Date resolve error");
    const year = +match[1];
    const month = +match[2] - 1;
    const day = +match[3];
    if (!match[4]) {
      return new Date(Date.UTC(year, month, day));
    }
    const hour = +match[4];
    const minute = +match[5];
    const second = +match[6];
    if (match[7]) {
      fraction = match[7].slice(0, 3);
      while (fraction.length < 3) {
        fraction += "0";
      }
      fraction = +fraction;
    }
    if (match[9]) {
      const tzHour = +match[10];
      const tzMinute = +(match[11] || 0);
      delta = (tzHour * 60 + tzMinute) * 6e4;
      if (match[9] === "-") delta = -delta;
    }
    const date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));
    if (delta) date.setTime(date.getTime() - delta);
    return date;
  }
  function representYamlTimestamp(object) {
    return object.toISOString();
  }
  timestamp = new Type2("tag:yaml.org,2002:timestamp", {
    kind: "scalar",
    resolve: resolveYamlTimestamp,
    construct: constructYamlTimestamp,
    instanceOf: Date,
    represent: representYamlTimestamp
  });
  return timestamp;
}
var merge;
var hasRequiredMerge;
function requireMerge() {
  if (hasRequiredMerge) return merge;
  hasRequiredMerge = 1;
  const Type2 = requireType();
  function resolveYamlMerge(data) {
    return data === "<<" || data === null;
  }
  merge = new Type2("tag:yaml.org,2002:merge", {
    kind: "scalar",
    resolve: resolveYamlMerge
  });
  return merge;
}
var binary;
var hasRequiredBinary;
function requireBinary() {
  if (hasRequiredBinary) return binary;
  hasRequiredBinary = 1;
  const Type2 = requireType();
  const BASE64_MAP = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n\r";
  function resolveYamlBinary(data) {
    if (data === null) return false;
    let bitlen = 0;
    const max = data.length;
    const map2 = BASE64_MAP;
    for (let idx = 0; idx < max; idx++) {
      const code = map2.indexOf(data.charAt(idx));
      if (code > 64) continue;
      if (code < 0) return false;
      bitlen += 6;
    }
    return bitlen % 8 === 0;
  }
  function constructYamlBinary(data) {
    const input = data.replace(/[\r\n=]/g, "");
    const max = input.length;
    const map2 = BASE64_MAP;
    let bits = 0;
    const result = [];
    for (let idx = 0; idx < max; idx++) {
      if (idx % 4 === 0 && idx) {
        result.push(bits >> 16 & 255);
        result.push(bits >> 8 & 255);
        result.push(bits & 255);
      }
      bits = bits << 6 | map2.indexOf(input.charAt(idx));
    }
    const tailbits = max % 4 * 6;
    if (tailbits === 0) {
      result.push(bits >> 16 & 255);
      result.push(bits >> 8 & 255);
      result.push(bits & 255);
    } else if (tailbits === 18) {
      result.push(bits >> 10 & 255);
      result.push(bits >> 2 & 255);
    } else if (tailbits === 12) {
      result.push(bits >> 4 & 255);
    }
    return new Uint8Array(result);
  }
  function representYamlBinary(object) {
    let result = "";
    let bits = 0;
    const max = object.length;
    const map2 = BASE64_MAP;
    for (let idx = 0; idx < max; idx++) {
      if (idx % 3 === 0 && idx) {
        result += map2[bits >> 18 & 63];
        result += map2[bits >> 12 & 63];
        result += map2[bits >> 6 & 63];
        result += map2[bits & 63];
      }
      bits = (bits << 8) + object[idx];
    }
    const tail = max % 3;
    if (tail === 0) {
      result += map2[bits >> 18 & 63];
      result += map2[bits >> 12 & 63];
      result += map2[bits >> 6 & 63];
      result += map2[bits & 63];
    } else if (tail === 2) {
      result += map2[bits >> 10 & 63];
      result += map2[bits >> 4 & 63];
      result += map2[bits << 2 & 63];
      result += map2[64];
    } else if (tail === 1) {
      result += map2[bits >> 2 & 63];
      result += map2[bits << 4 & 63];
      result += map2[64];
      result += map2[64];
    }
    return result;
  }
  function isBinary(obj) {
    return Object.prototype.toString.call(obj) === "[object Uint8Array]";
  }
  binary = new Type2("tag:yaml.org,2002:binary", {
    kind: "scalar",
    resolve: resolveYamlBinary,
    construct: constructYamlBinary,
    predicate: isBinary,
    represent: representYamlBinary
  });
  return binary;
}
var omap;
var hasRequiredOmap;
function requireOmap() {
  if (hasRequiredOmap) return omap;
  hasRequiredOmap = 1;
  const Type2 = requireType();
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  const _toString = Object.prototype.toString;
  function resolveYamlOmap(data) {
    if (data === null) return true;
    const objectKeys = {};
    const object = data;
    for (let index2 = 0, length = object.length; index2 < length; index2 += 1) {
      const pair = object[index2];
      let pairHasKey = false;
      if (_toString.call(pair) !== "[object Object]") return false;
      let pairKey;
      for (pairKey in pair) {
        if (_hasOwnProperty.call(pair, pairKey)) {
          if (!pairHasKey) pairHasKey = true;
          else return false;
        }
      }
      if (!pairHasKey) return false;
      if (_hasOwnProperty.call(objectKeys, pairKey)) return false;
      Object.defineProperty(objectKeys, pairKey, { value: true });
    }
    return true;
  }
  function constructYamlOmap(data) {
    return data !== null ? data : [];
  }
  omap = new Type2("tag:yaml.org,2002:omap", {
    kind: "sequence",
    resolve: resolveYamlOmap,
    construct: constructYamlOmap
  });
  return omap;
}
var pairs;
var hasRequiredPairs;
function requirePairs() {
  if (hasRequiredPairs) return pairs;
  hasRequiredPairs = 1;
  const Type2 = requireType();
  const _toString = Object.prototype.toString;
  function resolveYamlPairs(data) {
    if (data === null) return true;
    const object = data;
    const result = new Array(object.length);
    for (let index2 = 0, length = object.length; index2 < length; index2 += 1) {
      const pair = object[index2];
      if (_toString.call(pair) !== "[object Object]") return false;
      const keys = Object.keys(pair);
      if (keys.length !== 1) return false;
      result[index2] = [keys[0], pair[keys[0]]];
    }
    return true;
  }
  function constructYamlPairs(data) {
    if (data === null) return [];
    const object = data;
    const result = new Array(object.length);
    for (let index2 = 0, length = object.length; index2 < length; index2 += 1) {
      const pair = object[index2];
      const keys = Object.keys(pair);
      result[index2] = [keys[0], pair[keys[0]]];
    }
    return result;
  }
  pairs = new Type2("tag:yaml.org,2002:pairs", {
    kind: "sequence",
    resolve: resolveYamlPairs,
    construct: constructYamlPairs
  });
  return pairs;
}
var set;
var hasRequiredSet;
function requireSet() {
  if (hasRequiredSet) return set;
  hasRequiredSet = 1;
  const Type2 = requireType();
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  function resolveYamlSet(data) {
    if (data === null) return true;
    const object = data;
    for (const key3 in object) {
      if (_hasOwnProperty.call(object, key3)) {
        if (object[key3] !== null) return false;
      }
    }
    return true;
  }
  function constructYamlSet(data) {
    return data !== null ? data : {};
  }
  set = new Type2("tag:yaml.org,2002:set", {
    kind: "mapping",
    resolve: resolveYamlSet,
    construct: constructYamlSet
  });
  return set;
}
var _default;
var hasRequired_default;
function require_default() {
  if (hasRequired_default) return _default;
  hasRequired_default = 1;
  _default = requireCore().extend({
    implicit: [
      requireTimestamp(),
      requireMerge()
    ],
    explicit: [
      requireBinary(),
      requireOmap(),
      requirePairs(),
      requireSet()
    ]
  });
  return _default;
}
var hasRequiredLoader;
function requireLoader() {
  if (hasRequiredLoader) return loader;
  hasRequiredLoader = 1;
  const common2 = requireCommon();
  const YAMLException2 = requireException();
  const makeSnippet = requireSnippet();
  const DEFAULT_SCHEMA2 = require_default();
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  const CONTEXT_FLOW_IN = 1;
  const CONTEXT_FLOW_OUT = 2;
  const CONTEXT_BLOCK_IN = 3;
  const CONTEXT_BLOCK_OUT = 4;
  const CHOMPING_CLIP = 1;
  const CHOMPING_STRIP = 2;
  const CHOMPING_KEEP = 3;
  const PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
  const PATTERN_NON_ASCII_LINE_BREAKS = /[\x85\u2028\u2029]/;
  const PATTERN_FLOW_INDICATORS = /[,\[\]{}]/;
  const PATTERN_TAG_HANDLE = /^(?:!|!!|![0-9A-Za-z-]+!)$/;
  const PATTERN_TAG_URI = /^(?:!|[^,\[\]{}])(?:%[0-9a-f]{2}|[0-9a-z\-#;/?:@&=+$,_.!~*'()\[\]])*$/i;
  function _class(obj) {
    return Object.prototype.toString.call(obj);
  }
  function isEol(c) {
    return c === 10 || c === 13;
  }
  function isWhiteSpace(c) {
    return c === 9 || c === 32;
  }
  function isWsOrEol(c) {
    return c === 9 || c === 32 || c === 10 || c === 13;
  }
  function isFlowIndicator2(c) {
    return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
  }
  function fromHexCode(c) {
    if (c >= 48 && c <= 57) {
      return c - 48;
    }
    const lc = c | 32;
    if (lc >= 97 && lc <= 102) {
      return lc - 97 + 10;
    }
    return -1;
  }
  function escapedHexLen(c) {
    if (c === 120) {
      return 2;
    }
    if (c === 117) {
      return 4;
    }
    if (c === 85) {
      return 8;
    }
    return 0;
  }
  function fromDecimalCode(c) {
    if (c >= 48 && c <= 57) {
      return c - 48;
    }
    return -1;
  }
  function simpleEscapeSequence(c) {
    switch (c) {
      case 48:
        return "\0";
      case 97:
        return "\x07";
      case 98:
        return "\b";
      case 116:
        return "	";
      case 9:
        return "	";
      case 110:
        return "\n";
      case 118:
        return "\v";
      case 102:
        return "\f";
      case 114:
        return "\r";
      case 101:
        return "\x1B";
      case 32:
        return " ";
      case 34:
        return '"';
      case 47:
        return "/";
      case 92:
        return "\\";
      case 78:
        return "";
      case 95:
        return " ";
      case 76:
        return "\u2028";
      case 80:
        return "\u2029";
      default:
        return "";
    }
  }
  function charFromCodepoint(c) {
    if (c <= 65535) {
      return String.fromCharCode(c);
    }
    return String.fromCharCode(
      (c - 65536 >> 10) + 55296,
      (c - 65536 & 1023) + 56320
    );
  }
  function setProperty(object, key3, value) {
    if (key3 === "__proto__") {
      Object.defineProperty(object, key3, {
        configurable: true,
        enumerable: true,
        writable: true,
        value
      });
    } else {
      object[key3] = value;
    }
  }
  const simpleEscapeCheck = new Array(256);
  const simpleEscapeMap = new Array(256);
  for (let i = 0; i < 256; i++) {
    simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0;
    simpleEscapeMap[i] = simpleEscapeSequence(i);
  }
  function State(input, options) {
    this.input = input;
    this.filename = options["filename"] || null;
    this.schema = options["schema"] || DEFAULT_SCHEMA2;
    this.onWarning = options["onWarning"] || null;
    this.legacy = options["legacy"] || false;
    this.json = options["json"] || false;
    this.listener = options["listener"] || null;
    this.maxDepth = typeof options["maxDepth"] === "number" ? options["maxDepth"] : 100;
    this.maxTotalMergeKeys = typeof options["maxTotalMergeKeys"] === "number" ? options["maxTotalMergeKeys"] : 1e4;
    this.implicitTypes = this.schema.compiledImplicit;
    this.typeMap = this.schema.compiledTypeMap;
    this.length = input.length;
    this.position = 0;
    this.line = 0;
    this.lineStart = 0;
    this.lineIndent = 0;
    this.depth = 0;
    this.totalMergeKeys = 0;
    this.firstTabInLine = -1;
    this.documents = [];
    this.anchorMapTransactions = [];
  }
  function generateError(state, message) {
    const mark = {
      name: state.filename,
      buffer: state.input.slice(0, -1),
      // omit trailing \0
      position: state.position,
      line: state.line,
      column: state.position - state.lineStart
    };
    mark.snippet = makeSnippet(mark);
    return new YAMLException2(message, mark);
  }
  function throwError(state, message) {
    throw generateError(state, message);
  }
  function throwWarning(state, message) {
    if (state.onWarning) {
      state.onWarning.call(null, generateError(state, message));
    }
  }
  function storeAnchor(state, name, value) {
    const transactions = state.anchorMapTransactions;
    if (transactions.length !== 0) {
      const transaction = transactions[transactions.length - 1];
      if (!_hasOwnProperty.call(transaction, name)) {
        transaction[name] = {
          existed: _hasOwnProperty.call(state.anchorMap, name),
          value: state.anchorMap[name]
        };
      }
    }
    state.anchorMap[name] = value;
  }
  function beginAnchorTransaction(state) {
    state.anchorMapTransactions.push(/* @__PURE__ */ Object.create(null));
  }
  function commitAnchorTransaction(state) {
    const transaction = state.anchorMapTransactions.pop();
    const transactions = state.anchorMapTransactions;
    if (transactions.length === 0) return;
    const parent = transactions[transactions.length - 1];
    const names = Object.keys(transaction);
    for (let index2 = 0, length = names.length; index2 < length; index2 += 1) {
      const name = names[index2];
      if (!_hasOwnProperty.call(parent, name)) {
        parent[name] = transaction[name];
      }
    }
  }
  function rollbackAnchorTransaction(state) {
    const transaction = state.anchorMapTransactions.pop();
    const names = Object.keys(transaction);
    for (let index2 = names.length - 1; index2 >= 0; index2 -= 1) {
      const entry = transaction[names[index2]];
      if (entry.existed) {
        state.anchorMap[names[index2]] = entry.value;
      } else {
        delete state.anchorMap[names[index2]];
      }
    }
  }
  function snapshotState(state) {
    return {
      position: state.position,
      line: state.line,
      lineStart: state.lineStart,
      lineIndent: state.lineIndent,
      firstTabInLine: state.firstTabInLine,
      tag: state.tag,
      anchor: state.anchor,
      kind: state.kind,
      result: state.result
    };
  }
  function restoreState(state, snapshot) {
    state.position = snapshot.position;
    state.line = snapshot.line;
    state.lineStart = snapshot.lineStart;
    state.lineIndent = snapshot.lineIndent;
    state.firstTabInLine = snapshot.firstTabInLine;
    state.tag = snapshot.tag;
    state.anchor = snapshot.anchor;
    state.kind = snapshot.kind;
    state.result = snapshot.result;
  }
  const directiveHandlers = {
    YAML: function handleYamlDirective(state, name, args) {
      if (state.version !== null) {
        throwError(state, "duplication of %YAML directive");
      }
      if (args.length !== 1) {
        throwError(state, "YAML directive accepts exactly one argument");
      }
      const match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
      if (match === null) {
        throwError(state, "ill-formed argument of the YAML directive");
      }
      const major = parseInt(match[1], 10);
      const minor = parseInt(match[2], 10);
      if (major !== 1) {
        throwError(state, "unacceptable YAML version of the document");
      }
      state.version = args[0];
      state.checkLineBreaks = minor < 2;
      if (minor !== 1 && minor !== 2) {
        throwWarning(state, "unsupported YAML version of the document");
      }
    },
    TAG: function handleTagDirective(state, name, args) {
      let prefix;
      if (args.length !== 2) {
        throwError(state, "TAG directive accepts exactly two arguments");
      }
      const handle = args[0];
      prefix = args[1];
      if (!PATTERN_TAG_HANDLE.test(handle)) {
        throwError(state, "ill-formed tag handle (first argument) of the TAG directive");
      }
      if (_hasOwnProperty.call(state.tagMap, handle)) {
        throwError(state, 'there is a previously declared suffix for "' + handle + '" tag handle');
      }
      if (!PATTERN_TAG_URI.test(prefix)) {
        throwError(state, "ill-formed tag prefix (second argument) of the TAG directive");
      }
      try {
        prefix = decodeURIComponent(prefix);
      } catch (err) {
        throwError(state, "tag prefix is malformed: " + prefix);
      }
      state.tagMap[handle] = prefix;
    }
  };
  function captureSegment(state, start, end, checkJson) {
    if (start < end) {
      const _result = state.input.slice(start, end);
      if (checkJson) {
        for (let _position = 0, _length = _result.length; _position < _length; _position += 1) {
          const _character = _result.charCodeAt(_position);
          if (!(_character === 9 || _character >= 32 && _character <= 1114111)) {
            throwError(state, "expected valid JSON character");
          }
        }
      } else if (PATTERN_NON_PRINTABLE.test(_result)) {
        throwError(state, "the stream contains non-printable characters");
      }
      state.result += _result;
    }
  }
  function chargeMergeWork(state) {
    state.totalMergeKeys++;
    if (state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys) {
      throwError(state, "merge keys exceeded maxTotalMergeKeys (" + state.maxTotalMergeKeys + ")");
    }
  }
  function mergeMappings(state, destination, source, overridableKeys) {
    if (!common2.isObject(source)) {
      throwError(state, "cannot merge mappings; the provided source object is unacceptable");
    }
    chargeMergeWork(state);
    const sourceKeys = Object.keys(source);
    for (let index2 = 0, quantity3 = sourceKeys.length; index2 < quantity3; index2 += 1) {
      const key3 = sourceKeys[index2];
      chargeMergeWork(state);
      if (!_hasOwnProperty.call(destination, key3)) {
        setProperty(destination, key3, source[key3]);
        overridableKeys[key3] = true;
      }
    }
  }
  function storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, startLine, startLineStart, startPos) {
    if (Array.isArray(keyNode)) {
      keyNode = Array.prototype.slice.call(keyNode);
      for (let index2 = 0, quantity3 = keyNode.length; index2 < quantity3; index2 += 1) {
        if (Array.isArray(keyNode[index2])) {
          throwError(state, "nested arrays are not supported inside keys");
        }
        if (typeof keyNode === "object" && _class(keyNode[index2]) === "[object Object]") {
          keyNode[index2] = "[object Object]";
        }
      }
    }
    if (typeof keyNode === "object" && _class(keyNode) === "[object Object]") {
      keyNode = "[object Object]";
    }
    keyNode = String(keyNode);
    if (_result === null) {
      _result = {};
    }
    if (keyTag === "tag:yaml.org,2002:merge") {
      if (Array.isArray(valueNode)) {
        if (valueNode.length > 100) {
          throwError(state, "abnormal merge sequence size");
        }
        for (let index2 = 0, quantity3 = valueNode.length; index2 < quantity3; index2 += 1) {
          mergeMappings(state, _result, valueNode[index2], overridableKeys);
        }
      } else {
        mergeMappings(state, _result, valueNode, overridableKeys);
      }
    } else {
      if (!state.json && !_hasOwnProperty.call(overridableKeys, keyNode) && _hasOwnProperty.call(_result, keyNode)) {
        state.line = startLine || state.line;
        state.lineStart = startLineStart || state.lineStart;
        state.position = startPos || state.position;
        throwError(state, "duplicated mapping key");
      }
      setProperty(_result, keyNode, valueNode);
      delete overridableKeys[keyNode];
    }
    return _result;
  }
  function readLineBreak(state) {
    const ch = state.input.charCodeAt(state.position);
    if (ch === 10) {
      state.position++;
    } else if (ch === 13) {
      state.position++;
      if (state.input.charCodeAt(state.position) === 10) {
        state.position++;
      }
    } else {
      throwError(state, "a line break is expected");
    }
    state.line += 1;
    state.lineStart = state.position;
    state.firstTabInLine = -1;
  }
  function skipSeparationSpace(state, allowComments, checkIndent) {
    let lineBreaks = 0;
    let ch = state.input.charCodeAt(state.position);
    while (ch !== 0) {
      while (isWhiteSpace(ch)) {
        if (ch === 9 && state.firstTabInLine === -1) {
          state.firstTabInLine = state.position;
        }
        ch = state.input.charCodeAt(++state.position);
      }
      if (allowComments && ch === 35) {
        do {
          ch = state.input.charCodeAt(++state.position);
        } while (ch !== 10 && ch !== 13 && ch !== 0);
      }
      if (isEol(ch)) {
        readLineBreak(state);
        ch = state.input.charCodeAt(state.position);
        lineBreaks++;
        state.lineIndent = 0;
        while (ch === 32) {
          state.lineIndent++;
          ch = state.input.charCodeAt(++state.position);
        }
      } else {
        break;
      }
    }
    if (checkIndent !== -1 && lineBreaks !== 0 && state.lineIndent < checkIndent) {
      throwWarning(state, "deficient indentation");
    }
    return lineBreaks;
  }
  function testDocumentSeparator(state) {
    let _position = state.position;
    let ch = state.input.charCodeAt(_position);
    if ((ch === 45 || ch === 46) && ch === state.input.charCodeAt(_position + 1) && ch === state.input.charCodeAt(_position + 2)) {
      _position += 3;
      ch = state.input.charCodeAt(_position);
      if (ch === 0 || isWsOrEol(ch)) {
        return true;
      }
    }
    return false;
  }
  function writeFoldedLines(state, count) {
    if (count === 1) {
      state.result += " ";
    } else if (count > 1) {
      state.result += common2.repeat("\n", count - 1);
    }
  }
  function readPlainScalar(state, nodeIndent, withinFlowCollection) {
    let captureStart;
    let captureEnd;
    let hasPendingContent;
    let _line;
    let _lineStart;
    let _lineIndent;
    const _kind = state.kind;
    const _result = state.result;
    let ch = state.input.charCodeAt(state.position);
    if (isWsOrEol(ch) || isFlowIndicator2(ch) || ch === 35 || ch === 38 || ch === 42 || ch === 33 || ch === 124 || ch === 62 || ch === 39 || ch === 34 || ch === 37 || ch === 64 || ch === 96) {
      return false;
    }
    if (ch === 63 || ch === 45) {
      const following = state.input.charCodeAt(state.position + 1);
      if (isWsOrEol(following) || withinFlowCollection && isFlowIndicator2(following)) {
        return false;
      }
    }
    state.kind = "scalar";
    state.result = "";
    captureStart = captureEnd = state.position;
    hasPendingContent = false;
    while (ch !== 0) {
      if (ch === 58) {
        const following = state.input.charCodeAt(state.position + 1);
        if (isWsOrEol(following) || withinFlowCollection && isFlowIndicator2(following)) {
          break;
        }
      } else if (ch === 35) {
        const preceding = state.input.charCodeAt(state.position - 1);
        if (isWsOrEol(preceding)) {
          break;
        }
      } else if (state.position === state.lineStart && testDocumentSeparator(state) || withinFlowCollection && isFlowIndicator2(ch)) {
        break;
      } else if (isEol(ch)) {
        _line = state.line;
        _lineStart = state.lineStart;
        _lineIndent = state.lineIndent;
        skipSeparationSpace(state, false, -1);
        if (state.lineIndent >= nodeIndent) {
          hasPendingContent = true;
          ch = state.input.charCodeAt(state.position);
          continue;
        } else {
          state.position = captureEnd;
          state.line = _line;
          state.lineStart = _lineStart;
          state.lineIndent = _lineIndent;
          break;
        }
      }
      if (hasPendingContent) {
        captureSegment(state, captureStart, captureEnd, false);
        writeFoldedLines(state, state.line - _line);
        captureStart = captureEnd = state.position;
        hasPendingContent = false;
      }
      if (!isWhiteSpace(ch)) {
        captureEnd = state.position + 1;
      }
      ch = state.input.charCodeAt(++state.position);
    }
    captureSegment(state, captureStart, captureEnd, false);
    if (state.result) {
      return true;
    }
    state.kind = _kind;
    state.result = _result;
    return false;
  }
  function readSingleQuotedScalar(state, nodeIndent) {
    let captureStart;
    let captureEnd;
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 39) {
      return false;
    }
    state.kind = "scalar";
    state.result = "";
    state.position++;
    captureStart = captureEnd = state.position;
    while ((ch = state.input.charCodeAt(state.position)) !== 0) {
      if (ch === 39) {
        captureSegment(state, captureStart, state.position, true);
        ch = state.input.charCodeAt(++state.position);
        if (ch === 39) {
          captureStart = state.position;
          state.position++;
          captureEnd = state.position;
        } else {
          return true;
        }
      } else if (isEol(ch)) {
        captureSegment(state, captureStart, captureEnd, true);
        writeFoldedLines(state, skipSeparationSpace(state, false, nodeIndent));
        captureStart = captureEnd = state.position;
      } else if (state.position === state.lineStart && testDocumentSeparator(state)) {
        throwError(state, "unexpected end of the document within a single quoted scalar");
      } else {
        state.position++;
        if (!isWhiteSpace(ch)) {
          captureEnd = state.position;
        }
      }
    }
    throwError(state, "unexpected end of the stream within a single quoted scalar");
  }
  function readDoubleQuotedScalar(state, nodeIndent) {
    let captureStart;
    let captureEnd;
    let tmp;
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 34) {
      return false;
    }
    state.kind = "scalar";
    state.result = "";
    state.position++;
    captureStart = captureEnd = state.position;
    while ((ch = state.input.charCodeAt(state.position)) !== 0) {
      if (ch === 34) {
        captureSegment(state, captureStart, state.position, true);
        state.position++;
        return true;
      } else if (ch === 92) {
        captureSegment(state, captureStart, state.position, true);
        ch = state.input.charCodeAt(++state.position);
        if (isEol(ch)) {
          skipSeparationSpace(state, false, nodeIndent);
        } else if (ch < 256 && simpleEscapeCheck[ch]) {
          state.result += simpleEscapeMap[ch];
          state.position++;
        } else if ((tmp = escapedHexLen(ch)) > 0) {
          let hexLength = tmp;
          let hexResult = 0;
          for (; hexLength > 0; hexLength--) {
            ch = state.input.charCodeAt(++state.position);
            if ((tmp = fromHexCode(ch)) >= 0) {
              hexResult = (hexResult << 4) + tmp;
            } else {
              throwError(state, "expected hexadecimal character");
            }
          }
          state.result += charFromCodepoint(hexResult);
          state.position++;
        } else {
          throwError(state, "unknown escape sequence");
        }
        captureStart = captureEnd = state.position;
      } else if (isEol(ch)) {
        captureSegment(state, captureStart, captureEnd, true);
        writeFoldedLines(state, skipSeparationSpace(state, false, nodeIndent));
        captureStart = captureEnd = state.position;
      } else if (state.position === state.lineStart && testDocumentSeparator(state)) {
        throwError(state, "unexpected end of the document within a double quoted scalar");
      } else {
        state.position++;
        if (!isWhiteSpace(ch)) {
          captureEnd = state.position;
        }
      }
    }
    throwError(state, "unexpected end of the stream within a double quoted scalar");
  }
  function readFlowCollection(state, nodeIndent) {
    let readNext = true;
    let _line;
    let _lineStart;
    let _pos;
    const _tag = state.tag;
    let _result;
    const _anchor = state.anchor;
    let terminator;
    let isPair;
    let isExplicitPair;
    let isMapping;
    const overridableKeys = /* @__PURE__ */ Object.create(null);
    let keyNode;
    let keyTag;
    let valueNode;
    let ch = state.input.charCodeAt(state.position);
    if (ch === 91) {
      terminator = 93;
      isMapping = false;
      _result = [];
    } else if (ch === 123) {
      terminator = 125;
      isMapping = true;
      _result = {};
    } else {
      return false;
    }
    if (state.anchor !== null) {
      storeAnchor(state, state.anchor, _result);
    }
    ch = state.input.charCodeAt(++state.position);
    while (ch !== 0) {
      skipSeparationSpace(state, true, nodeIndent);
      ch = state.input.charCodeAt(state.position);
      if (ch === terminator) {
        state.position++;
        state.tag = _tag;
        state.anchor = _anchor;
        state.kind = isMapping ? "mapping" : "sequence";
        state.result = _result;
        return true;
      } else if (!readNext) {
        throwError(state, "missed comma between flow collection entries");
      } else if (ch === 44) {
        throwError(state, "expected the node content, but found ','");
      }
      keyTag = keyNode = valueNode = null;
      isPair = isExplicitPair = false;
      if (ch === 63) {
        const following = state.input.charCodeAt(state.position + 1);
        if (isWsOrEol(following)) {
          isPair = isExplicitPair = true;
          state.position++;
          skipSeparationSpace(state, true, nodeIndent);
        }
      }
      _line = state.line;
      _lineStart = state.lineStart;
      _pos = state.position;
      composeNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
      keyTag = state.tag;
      keyNode = state.result;
      skipSeparationSpace(state, true, nodeIndent);
      ch = state.input.charCodeAt(state.position);
      if ((isExplicitPair || state.line === _line) && ch === 58) {
        isPair = true;
        ch = state.input.charCodeAt(++state.position);
        skipSeparationSpace(state, true, nodeIndent);
        composeNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
        valueNode = state.result;
      }
      if (isMapping) {
        storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, _line, _lineStart, _pos);
      } else if (isPair) {
        _result.push(storeMappingPair(state, null, overridableKeys, keyTag, keyNode, valueNode, _line, _lineStart, _pos));
      } else {
        _result.push(keyNode);
      }
      skipSeparationSpace(state, true, nodeIndent);
      ch = state.input.charCodeAt(state.position);
      if (ch === 44) {
        readNext = true;
        ch = state.input.charCodeAt(++state.position);
      } else {
        readNext = false;
      }
    }
    throwError(state, "unexpected end of the stream within a flow collection");
  }
  function readBlockScalar(state, nodeIndent) {
    let folding;
    let chomping = CHOMPING_CLIP;
    let didReadContent = false;
    let detectedIndent = false;
    let textIndent = nodeIndent;
    let emptyLines = 0;
    let atMoreIndented = false;
    let tmp;
    let ch = state.input.charCodeAt(state.position);
    if (ch === 124) {
      folding = false;
    } else if (ch === 62) {
      folding = true;
    } else {
      return false;
    }
    state.kind = "scalar";
    state.result = "";
    while (ch !== 0) {
      ch = state.input.charCodeAt(++state.position);
      if (ch === 43 || ch === 45) {
        if (CHOMPING_CLIP === chomping) {
          chomping = ch === 43 ? CHOMPING_KEEP : CHOMPING_STRIP;
        } else {
          throwError(state, "repeat of a chomping mode identifier");
        }
      } else if ((tmp = fromDecimalCode(ch)) >= 0) {
        if (tmp === 0) {
          throwError(state, "bad explicit indentation width of a block scalar; it cannot be less than one");
        } else if (!detectedIndent) {
          textIndent = nodeIndent + tmp - 1;
          detectedIndent = true;
        } else {
          throwError(state, "repeat of an indentation width identifier");
        }
      } else {
        break;
      }
    }
    if (isWhiteSpace(ch)) {
      do {
        ch = state.input.charCodeAt(++state.position);
      } while (isWhiteSpace(ch));
      if (ch === 35) {
        do {
          ch = state.input.charCodeAt(++state.position);
        } while (!isEol(ch) && ch !== 0);
      }
    }
    while (ch !== 0) {
      readLineBreak(state);
      state.lineIndent = 0;
      ch = state.input.charCodeAt(state.position);
      while ((!detectedIndent || state.lineIndent < textIndent) && ch === 32) {
        state.lineIndent++;
        ch = state.input.charCodeAt(++state.position);
      }
      if (!detectedIndent && state.lineIndent > textIndent) {
        textIndent = state.lineIndent;
      }
      if (isEol(ch)) {
        emptyLines++;
        continue;
      }
      if (!detectedIndent && textIndent === 0) {
        throwError(state, "missing indentation for block scalar");
      }
      if (state.lineIndent < textIndent) {
        if (chomping === CHOMPING_KEEP) {
          state.result += common2.repeat("\n", didReadContent ? 1 + emptyLines : emptyLines);
        } else if (chomping === CHOMPING_CLIP) {
          if (didReadContent) {
            state.result += "\n";
          }
        }
        break;
      }
      if (folding) {
        if (isWhiteSpace(ch)) {
          atMoreIndented = true;
          state.result += common2.repeat("\n", didReadContent ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          state.result += common2.repeat("\n", emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didReadContent) {
            state.result += " ";
          }
        } else {
          state.result += common2.repeat("\n", emptyLines);
        }
      } else {
        state.result += common2.repeat("\n", didReadContent ? 1 + emptyLines : emptyLines);
      }
      didReadContent = true;
      detectedIndent = true;
      emptyLines = 0;
      const captureStart = state.position;
      while (!isEol(ch) && ch !== 0) {
        ch = state.input.charCodeAt(++state.position);
      }
      captureSegment(state, captureStart, state.position, false);
    }
    return true;
  }
  function readBlockSequence(state, nodeIndent) {
    const _tag = state.tag;
    const _anchor = state.anchor;
    const _result = [];
    let detected = false;
    if (state.firstTabInLine !== -1) return false;
    if (state.anchor !== null) {
      storeAnchor(state, state.anchor, _result);
    }
    let ch = state.input.charCodeAt(state.position);
    while (ch !== 0) {
      if (state.firstTabInLine !== -1) {
        state.position = state.firstTabInLine;
        throwError(state, "tab characters must not be used in indentation");
      }
      if (ch !== 45) {
        break;
      }
      const following = state.input.charCodeAt(state.position + 1);
      if (!isWsOrEol(following)) {
        break;
      }
      detected = true;
      state.position++;
      if (skipSeparationSpace(state, true, -1)) {
        if (state.lineIndent <= nodeIndent) {
          _result.push(null);
          ch = state.input.charCodeAt(state.position);
          continue;
        }
      }
      const _line = state.line;
      composeNode(state, nodeIndent, CONTEXT_BLOCK_IN, false, true);
      _result.push(state.result);
      skipSeparationSpace(state, true, -1);
      ch = state.input.charCodeAt(state.position);
      if ((state.line === _line || state.lineIndent > nodeIndent) && ch !== 0) {
        throwError(state, "bad indentation of a sequence entry");
      } else if (state.lineIndent < nodeIndent) {
        break;
      }
    }
    if (detected) {
      state.tag = _tag;
      state.anchor = _anchor;
      state.kind = "sequence";
      state.result = _result;
      return true;
    }
    return false;
  }
  function readBlockMapping(state, nodeIndent, flowIndent) {
    let allowCompact;
    let _keyLine;
    let _keyLineStart;
    let _keyPos;
    const _tag = state.tag;
    const _anchor = state.anchor;
    const _result = {};
    const overridableKeys = /* @__PURE__ */ Object.create(null);
    let keyTag = null;
    let keyNode = null;
    let valueNode = null;
    let atExplicitKey = false;
    let detected = false;
    if (state.firstTabInLine !== -1) return false;
    if (state.anchor !== null) {
      storeAnchor(state, state.anchor, _result);
    }
    let ch = state.input.charCodeAt(state.position);
    while (ch !== 0) {
      if (!atExplicitKey && state.firstTabInLine !== -1) {
        state.position = state.firstTabInLine;
        throwError(state, "tab characters must not be used in indentation");
      }
      const following = state.input.charCodeAt(state.position + 1);
      const _line = state.line;
      if ((ch === 63 || ch === 58) && isWsOrEol(following)) {
        if (ch === 63) {
          if (atExplicitKey) {
            storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos);
            keyTag = keyNode = valueNode = null;
          }
          detected = true;
          atExplicitKey = true;
          allowCompact = true;
        } else if (atExplicitKey) {
          atExplicitKey = false;
          allowCompact = true;
        } else {
          throwError(state, "incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line");
        }
        state.position += 1;
        ch = following;
      } else {
        _keyLine = state.line;
        _keyLineStart = state.lineStart;
        _keyPos = state.position;
        if (!composeNode(state, flowIndent, CONTEXT_FLOW_OUT, false, true)) {
          break;
        }
        if (state.line === _line) {
          ch = state.input.charCodeAt(state.position);
          while (isWhiteSpace(ch)) {
            ch = state.input.charCodeAt(++state.position);
          }
          if (ch === 58) {
            ch = state.input.charCodeAt(++state.position);
            if (!isWsOrEol(ch)) {
              throwError(state, "a whitespace character is expected after the key-value separator within a block mapping");
            }
            if (atExplicitKey) {
              storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos);
              keyTag = keyNode = valueNode = null;
            }
            detected = true;
            atExplicitKey = false;
            allowCompact = false;
            keyTag = state.tag;
            keyNode = state.result;
          } else if (detected) {
            throwError(state, "can not read an implicit mapping pair; a colon is missed");
          } else {
            state.tag = _tag;
            state.anchor = _anchor;
            return true;
          }
        } else if (detected) {
          throwError(state, "can not read a block mapping entry; a multiline key may not be an implicit key");
        } else {
          state.tag = _tag;
          state.anchor = _anchor;
          return true;
        }
      }
      if (state.line === _line || state.lineIndent > nodeIndent) {
        if (atExplicitKey) {
          _keyLine = state.line;
          _keyLineStart = state.lineStart;
          _keyPos = state.position;
        }
        if (composeNode(state, nodeIndent, CONTEXT_BLOCK_OUT, true, allowCompact)) {
          if (atExplicitKey) {
            keyNode = state.result;
          } else {
            valueNode = state.result;
          }
        }
        if (!atExplicitKey) {
          storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, _keyLine, _keyLineStart, _keyPos);
          keyTag = keyNode = valueNode = null;
        }
        skipSeparationSpace(state, true, -1);
        ch = state.input.charCodeAt(state.position);
      }
      if ((state.line === _line || state.lineIndent > nodeIndent) && ch !== 0) {
        throwError(state, "bad indentation of a mapping entry");
      } else if (state.lineIndent < nodeIndent) {
        break;
      }
    }
    if (atExplicitKey) {
      storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos);
    }
    if (detected) {
      state.tag = _tag;
      state.anchor = _anchor;
      state.kind = "mapping";
      state.result = _result;
    }
    return detected;
  }
  function readTagProperty(state) {
    let isVerbatim = false;
    let isNamed = false;
    let tagHandle;
    let tagName;
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 33) return false;
    if (state.tag !== null) {
      throwError(state, "duplication of a tag property");
    }
    ch = state.input.charCodeAt(++state.position);
    if (ch === 60) {
      isVerbatim = true;
      ch = state.input.charCodeAt(++state.position);
    } else if (ch === 33) {
      isNamed = true;
      tagHandle = "!!";
      ch = state.input.charCodeAt(++state.position);
    } else {
      tagHandle = "!";
    }
    let _position = state.position;
    if (isVerbatim) {
      do {
        ch = state.input.charCodeAt(++state.position);
      } while (ch !== 0 && ch !== 62);
      if (state.position < state.length) {
        tagName = state.input.slice(_position, state.position);
        ch = state.input.charCodeAt(++state.position);
      } else {
        throwError(state, "unexpected end of the stream within a verbatim tag");
      }
    } else {
      while (ch !== 0 && !isWsOrEol(ch)) {
        if (ch === 33) {
          if (!isNamed) {
            tagHandle = state.input.slice(_position - 1, state.position + 1);
            if (!PATTERN_TAG_HANDLE.test(tagHandle)) {
              throwError(state, "named tag handle cannot contain such characters");
            }
            isNamed = true;
            _position = state.position + 1;
          } else {
            throwError(state, "tag suffix cannot contain exclamation marks");
          }
        }
        ch = state.input.charCodeAt(++state.position);
      }
      tagName = state.input.slice(_position, state.position);
      if (PATTERN_FLOW_INDICATORS.test(tagName)) {
        throwError(state, "tag suffix cannot contain flow indicator characters");
      }
    }
    if (tagName && !PATTERN_TAG_URI.test(tagName)) {
      throwError(state, "tag name cannot contain such characters: " + tagName);
    }
    try {
      tagName = decodeURIComponent(tagName);
    } catch (err) {
      throwError(state, "tag name is malformed: " + tagName);
    }
    if (isVerbatim) {
      state.tag = tagName;
    } else if (_hasOwnProperty.call(state.tagMap, tagHandle)) {
      state.tag = state.tagMap[tagHandle] + tagName;
    } else if (tagHandle === "!") {
      state.tag = "!" + tagName;
    } else if (tagHandle === "!!") {
      state.tag = "tag:yaml.org,2002:" + tagName;
    } else {
      throwError(state, 'undeclared tag handle "' + tagHandle + '"');
    }
    return true;
  }
  function readAnchorProperty(state) {
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 38) return false;
    if (state.anchor !== null) {
      throwError(state, "duplication of an anchor property");
    }
    ch = state.input.charCodeAt(++state.position);
    const _position = state.position;
    while (ch !== 0 && !isWsOrEol(ch) && !isFlowIndicator2(ch)) {
      ch = state.input.charCodeAt(++state.position);
    }
    if (state.position === _position) {
      throwError(state, "name of an anchor node must contain at least one character");
    }
    state.anchor = state.input.slice(_position, state.position);
    return true;
  }
  function readAlias(state) {
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 42) return false;
    ch = state.input.charCodeAt(++state.position);
    const _position = state.position;
    while (ch !== 0 && !isWsOrEol(ch) && !isFlowIndicator2(ch)) {
      ch = state.input.charCodeAt(++state.position);
    }
    if (state.position === _position) {
      throwError(state, "name of an alias node must contain at least one character");
    }
    const alias = state.input.slice(_position, state.position);
    if (!_hasOwnProperty.call(state.anchorMap, alias)) {
      throwError(state, 'unidentified alias "' + alias + '"');
    }
    state.result = state.anchorMap[alias];
    skipSeparationSpace(state, true, -1);
    return true;
  }
  function tryReadBlockMappingFromProperty(state, propertyStart, nodeIndent, flowIndent) {
    const fallbackState = snapshotState(state);
    beginAnchorTransaction(state);
    restoreState(state, propertyStart);
    state.tag = null;
    state.anchor = null;
    state.kind = null;
    state.result = null;
    if (readBlockMapping(state, nodeIndent, flowIndent) && state.kind === "mapping") {
      commitAnchorTransaction(state);
      return true;
    }
    rollbackAnchorTransaction(state);
    restoreState(state, fallbackState);
    return false;
  }
  function composeNode(state, parentIndent, nodeContext, allowToSeek, allowCompact) {
    let allowBlockScalars;
    let allowBlockCollections;
    let indentStatus = 1;
    let atNewLine = false;
    let hasContent2 = false;
    let propertyStart = null;
    let type2;
    let flowIndent;
    let blockIndent;
    if (state.depth >= state.maxDepth) {
      throwError(state, "nesting exceeded maxDepth (" + state.maxDepth + ")");
    }
    state.depth += 1;
    if (state.listener !== null) {
      state.listener("open", state);
    }
    state.tag = null;
    state.anchor = null;
    state.kind = null;
    state.result = null;
    const allowBlockStyles = allowBlockScalars = allowBlockCollections = CONTEXT_BLOCK_OUT === nodeContext || CONTEXT_BLOCK_IN === nodeContext;
    if (allowToSeek) {
      if (skipSeparationSpace(state, true, -1)) {
        atNewLine = true;
        if (state.lineIndent > parentIndent) {
          indentStatus = 1;
        } else if (state.lineIndent === parentIndent) {
          indentStatus = 0;
        } else if (state.lineIndent < parentIndent) {
          indentStatus = -1;
        }
      }
    }
    if (indentStatus === 1) {
      while (true) {
        const ch = state.input.charCodeAt(state.position);
        const propertyState = snapshotState(state);
        if (atNewLine && (ch === 33 && state.tag !== null || ch === 38 && state.anchor !== null)) {
          break;
        }
        if (!readTagProperty(state) && !readAnchorProperty(state)) {
          break;
        }
        if (propertyStart === null) {
          propertyStart = propertyState;
        }
        if (skipSeparationSpace(state, true, -1)) {
          atNewLine = true;
          allowBlockCollections = allowBlockStyles;
          if (state.lineIndent > parentIndent) {
            indentStatus = 1;
          } else if (state.lineIndent === parentIndent) {
            indentStatus = 0;
          } else if (state.lineIndent < parentIndent) {
            indentStatus = -1;
          }
        } else {
          allowBlockCollections = false;
        }
      }
    }
    if (allowBlockCollections) {
      allowBlockCollections = atNewLine || allowCompact;
    }
    if (indentStatus === 1 || CONTEXT_BLOCK_OUT === nodeContext) {
      if (CONTEXT_FLOW_IN === nodeContext || CONTEXT_FLOW_OUT === nodeContext) {
        flowIndent = parentIndent;
      } else {
        flowIndent = parentIndent + 1;
      }
      blockIndent = state.position - state.lineStart;
      if (indentStatus === 1) {
        if (allowBlockCollections && (readBlockSequence(state, blockIndent) || readBlockMapping(state, blockIndent, flowIndent)) || readFlowCollection(state, flowIndent)) {
          hasContent2 = true;
        } else {
          const ch = state.input.charCodeAt(state.position);
          if (propertyStart !== null && allowBlockStyles && !allowBlockCollections && ch !== 124 && ch !== 62 && tryReadBlockMappingFromProperty(
            state,
            propertyStart,
            propertyStart.position - propertyStart.lineStart,
            flowIndent
          )) {
            hasContent2 = true;
          } else if (allowBlockScalars && readBlockScalar(state, flowIndent) || readSingleQuotedScalar(state, flowIndent) || readDoubleQuotedScalar(state, flowIndent)) {
            hasContent2 = true;
          } else if (readAlias(state)) {
            hasContent2 = true;
            if (state.tag !== null || state.anchor !== null) {
              throwError(state, "alias node should not have any properties");
            }
          } else if (readPlainScalar(state, flowIndent, CONTEXT_FLOW_IN === nodeContext)) {
            hasContent2 = true;
            if (state.tag === null) {
              state.tag = "?";
            }
          }
          if (state.anchor !== null) {
            storeAnchor(state, state.anchor, state.result);
          }
        }
      } else if (indentStatus === 0) {
        hasContent2 = allowBlockCollections && readBlockSequence(state, blockIndent);
      }
    }
    if (state.tag === null) {
      if (state.anchor !== null) {
        storeAnchor(state, state.anchor, state.result);
      }
    } else if (state.tag === "?") {
      if (state.result !== null && state.kind !== "scalar") {
        throwError(state, 'unacceptable node kind for !<?> tag; it should be "scalar", not "' + state.kind + '"');
      }
      for (let typeIndex = 0, typeQuantity = state.implicitTypes.length; typeIndex < typeQuantity; typeIndex += 1) {
        type2 = state.implicitTypes[typeIndex];
        if (type2.resolve(state.result)) {
          state.result = type2.construct(state.result);
          state.tag = type2.tag;
          if (state.anchor !== null) {
            storeAnchor(state, state.anchor, state.result);
          }
          break;
        }
      }
    } else if (state.tag !== "!") {
      if (_hasOwnProperty.call(state.typeMap[state.kind || "fallback"], state.tag)) {
        type2 = state.typeMap[state.kind || "fallback"][state.tag];
      } else {
        type2 = null;
        const typeList = state.typeMap.multi[state.kind || "fallback"];
        for (let typeIndex = 0, typeQuantity = typeList.length; typeIndex < typeQuantity; typeIndex += 1) {
          if (state.tag.slice(0, typeList[typeIndex].tag.length) === typeList[typeIndex].tag) {
            type2 = typeList[typeIndex];
            break;
          }
        }
      }
      if (!type2) {
        throwError(state, "unknown tag !<" + state.tag + ">");
      }
      if (state.result !== null && type2.kind !== state.kind) {
        throwError(state, "unacceptable node kind for !<" + state.tag + '> tag; it should be "' + type2.kind + '", not "' + state.kind + '"');
      }
      if (!type2.resolve(state.result, state.tag)) {
        throwError(state, "cannot resolve a node with !<" + state.tag + "> explicit tag");
      } else {
        state.result = type2.construct(state.result, state.tag);
        if (state.anchor !== null) {
          storeAnchor(state, state.anchor, state.result);
        }
      }
    }
    if (state.listener !== null) {
      state.listener("close", state);
    }
    state.depth -= 1;
    return state.tag !== null || state.anchor !== null || hasContent2;
  }
  function readDocument(state) {
    const documentStart = state.position;
    let hasDirectives = false;
    let ch;
    state.version = null;
    state.checkLineBreaks = state.legacy;
    state.tagMap = /* @__PURE__ */ Object.create(null);
    state.anchorMap = /* @__PURE__ */ Object.create(null);
    while ((ch = state.input.charCodeAt(state.position)) !== 0) {
      skipSeparationSpace(state, true, -1);
      ch = state.input.charCodeAt(state.position);
      if (state.lineIndent > 0 || ch !== 37) {
        break;
      }
      hasDirectives = true;
      ch = state.input.charCodeAt(++state.position);
      let _position = state.position;
      while (ch !== 0 && !isWsOrEol(ch)) {
        ch = state.input.charCodeAt(++state.position);
      }
      const directiveName = state.input.slice(_position, state.position);
      const directiveArgs = [];
      if (directiveName.length < 1) {
        throwError(state, "directive name must not be less than one character in length");
      }
      while (ch !== 0) {
        while (isWhiteSpace(ch)) {
          ch = state.input.charCodeAt(++state.position);
        }
        if (ch === 35) {
          do {
            ch = state.input.charCodeAt(++state.position);
          } while (ch !== 0 && !isEol(ch));
          break;
        }
        if (isEol(ch)) break;
        _position = state.position;
        while (ch !== 0 && !isWsOrEol(ch)) {
          ch = state.input.charCodeAt(++state.position);
        }
        directiveArgs.push(state.input.slice(_position, state.position));
      }
      if (ch !== 0) readLineBreak(state);
      if (_hasOwnProperty.call(directiveHandlers, directiveName)) {
        directiveHandlers[directiveName](state, directiveName, directiveArgs);
      } else {
        throwWarning(state, 'unknown document directive "' + directiveName + '"');
      }
    }
    skipSeparationSpace(state, true, -1);
    if (state.lineIndent === 0 && state.input.charCodeAt(state.position) === 45 && state.input.charCodeAt(state.position + 1) === 45 && state.input.charCodeAt(state.position + 2) === 45) {
      state.position += 3;
      skipSeparationSpace(state, true, -1);
    } else if (hasDirectives) {
      throwError(state, "directives end mark is expected");
    }
    composeNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, false, true);
    skipSeparationSpace(state, true, -1);
    if (state.checkLineBreaks && PATTERN_NON_ASCII_LINE_BREAKS.test(state.input.slice(documentStart, state.position))) {
      throwWarning(state, "non-ASCII line breaks are interpreted as content");
    }
    state.documents.push(state.result);
    if (state.position === state.lineStart && testDocumentSeparator(state)) {
      if (state.input.charCodeAt(state.position) === 46) {
        state.position += 3;
        skipSeparationSpace(state, true, -1);
      }
      return;
    }
    if (state.position < state.length - 1) {
      throwError(state, "end of the stream or a document separator is expected");
    }
  }
  function loadDocuments(input, options) {
    input = String(input);
    options = options || {};
    if (input.length !== 0) {
      if (input.charCodeAt(input.length - 1) !== 10 && input.charCodeAt(input.length - 1) !== 13) {
        input += "\n";
      }
      if (input.charCodeAt(0) === 65279) {
        input = input.slice(1);
      }
    }
    const state = new State(input, options);
    const nullpos = input.indexOf("\0");
    if (nullpos !== -1) {
      state.position = nullpos;
      throwError(state, "null byte is not allowed in input");
    }
    state.input += "\0";
    while (state.input.charCodeAt(state.position) === 32) {
      state.lineIndent += 1;
      state.position += 1;
    }
    while (state.position < state.length - 1) {
      readDocument(state);
    }
    return state.documents;
  }
  function loadAll2(input, iterator, options) {
    if (iterator !== null && typeof iterator === "object" && typeof options === "undefined") {
      options = iterator;
      iterator = null;
    }
    const documents = loadDocuments(input, options);
    if (typeof iterator !== "function") {
      return documents;
    }
    for (let index2 = 0, length = documents.length; index2 < length; index2 += 1) {
      iterator(documents[index2]);
    }
  }
  function load2(input, options) {
    const documents = loadDocuments(input, options);
    if (documents.length === 0) {
      return void 0;
    } else if (documents.length === 1) {
      return documents[0];
    }
    throw new YAMLException2("expected a single document in the stream, but found more");
  }
  loader.loadAll = loadAll2;
  loader.load = load2;
  return loader;
}
var dumper = {};
var hasRequiredDumper;
function requireDumper() {
  if (hasRequiredDumper) return dumper;
  hasRequiredDumper = 1;
  const common2 = requireCommon();
  const YAMLException2 = requireException();
  const DEFAULT_SCHEMA2 = require_default();
  const _toString = Object.prototype.toString;
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  const CHAR_BOM = 65279;
  const CHAR_TAB = 9;
  const CHAR_LINE_FEED = 10;
  const CHAR_CARRIAGE_RETURN = 13;
  const CHAR_SPACE = 32;
  const CHAR_EXCLAMATION = 33;
  const CHAR_DOUBLE_QUOTE = 34;
  const CHAR_SHARP = 35;
  const CHAR_PERCENT = 37;
  const CHAR_AMPERSAND = 38;
  const CHAR_SINGLE_QUOTE = 39;
  const CHAR_ASTERISK = 42;
  const CHAR_COMMA = 44;
  const CHAR_MINUS = 45;
  const CHAR_COLON = 58;
  const CHAR_EQUALS = 61;
  const CHAR_GREATER_THAN = 62;
  const CHAR_QUESTION = 63;
  const CHAR_COMMERCIAL_AT = 64;
  const CHAR_LEFT_SQUARE_BRACKET = 91;
  const CHAR_RIGHT_SQUARE_BRACKET = 93;
  const CHAR_GRAVE_ACCENT = 96;
  const CHAR_LEFT_CURLY_BRACKET = 123;
  const CHAR_VERTICAL_LINE = 124;
  const CHAR_RIGHT_CURLY_BRACKET = 125;
  const ESCAPE_SEQUENCES = {};
  ESCAPE_SEQUENCES[0] = "\\0";
  ESCAPE_SEQUENCES[7] = "\\a";
  ESCAPE_SEQUENCES[8] = "\\b";
  ESCAPE_SEQUENCES[9] = "\\t";
  ESCAPE_SEQUENCES[10] = "\\n";
  ESCAPE_SEQUENCES[11] = "\\v";
  ESCAPE_SEQUENCES[12] = "\\f";
  ESCAPE_SEQUENCES[13] = "\\r";
  ESCAPE_SEQUENCES[27] = "\\e";
  ESCAPE_SEQUENCES[34] = '\\"';
  ESCAPE_SEQUENCES[92] = "\\\\";
  ESCAPE_SEQUENCES[133] = "\\N";
  ESCAPE_SEQUENCES[160] = "\\_";
  ESCAPE_SEQUENCES[8232] = "\\L";
  ESCAPE_SEQUENCES[8233] = "\\P";
  const DEPRECATED_BOOLEANS_SYNTAX = [
    "y",
    "Y",
    "yes",
    "Yes",
    "YES",
    "on",
    "On",
    "ON",
    "n",
    "N",
    "no",
    "No",
    "NO",
    "off",
    "Off",
    "OFF"
  ];
  const DEPRECATED_BASE60_SYNTAX = /^[-+]?[0-9_]+(?::[0-9_]+)+(?:\.[0-9_]*)?$/;
  function compileStyleMap(schema2, map2) {
    if (map2 === null) return {};
    const result = {};
    const keys = Object.keys(map2);
    for (let index2 = 0, length = keys.length; index2 < length; index2 += 1) {
      let tag = keys[index2];
      let style = String(map2[tag]);
      if (tag.slice(0, 2) === "!!") {
        tag = "tag:yaml.org,2002:" + tag.slice(2);
      }
      const type2 = schema2.compiledTypeMap["fallback"][tag];
      if (type2 && _hasOwnProperty.call(type2.styleAliases, style)) {
        style = type2.styleAliases[style];
      }
      result[tag] = style;
    }
    return result;
  }
  function encodeHex(character) {
    let handle;
    let length;
    const string = character.toString(16).toUpperCase();
    if (character <= 255) {
      handle = "x";
      length = 2;
    } else if (character <= 65535) {
      handle = "u";
      length = 4;
    } else if (character <= 4294967295) {
      handle = "U";
      length = 8;
    } else {
      throw new YAMLException2("code point within a string may not be greater than 0xFFFFFFFF");
    }
    return "\\" + handle + common2.repeat("0", length - string.length) + string;
  }
  const QUOTING_TYPE_SINGLE = 1;
  const QUOTING_TYPE_DOUBLE = 2;
  function State(options) {
    this.schema = options["schema"] || DEFAULT_SCHEMA2;
    this.indent = Math.max(1, options["indent"] || 2);
    this.noArrayIndent = options["noArrayIndent"] || false;
    this.skipInvalid = options["skipInvalid"] || false;
    this.flowLevel = common2.isNothing(options["flowLevel"]) ? -1 : options["flowLevel"];
    this.styleMap = compileStyleMap(this.schema, options["styles"] || null);
    this.sortKeys = options["sortKeys"] || false;
    this.lineWidth = options["lineWidth"] || 80;
    this.noRefs = options["noRefs"] || false;
    this.noCompatMode = options["noCompatMode"] || false;
    this.condenseFlow = options["condenseFlow"] || false;
    this.quotingType = options["quotingType"] === '"' ? QUOTING_TYPE_DOUBLE : QUOTING_TYPE_SINGLE;
    this.forceQuotes = options["forceQuotes"] || false;
    this.replacer = typeof options["replacer"] === "function" ? options["replacer"] : null;
    this.implicitTypes = this.schema.compiledImplicit;
    this.explicitTypes = this.schema.compiledExplicit;
    this.tag = null;
    this.result = "";
    this.duplicates = [];
    this.usedDuplicates = null;
  }
  function indentString(string, spaces) {
    const ind = common2.repeat(" ", spaces);
    let position = 0;
    let result = "";
    const length = string.length;
    while (position < length) {
      let line;
      const next = string.indexOf("\n", position);
      if (next === -1) {
        line = string.slice(position);
        position = length;
      } else {
        line = string.slice(position, next + 1);
        position = next + 1;
      }
      if (line.length && line !== "\n") result += ind;
      result += line;
    }
    return result;
  }
  function generateNextLine(state, level) {
    return "\n" + common2.repeat(" ", state.indent * level);
  }
  function testImplicitResolving(state, str22) {
    for (let index2 = 0, length = state.implicitTypes.length; index2 < length; index2 += 1) {
      const type2 = state.implicitTypes[index2];
      if (type2.resolve(str22)) {
        return true;
      }
    }
    return false;
  }
  function isWhitespace(c) {
    return c === CHAR_SPACE || c === CHAR_TAB;
  }
  function isPrintable(c) {
    return c >= 32 && c <= 126 || c >= 161 && c <= 55295 && c !== 8232 && c !== 8233 || c >= 57344 && c <= 65533 && c !== CHAR_BOM || c >= 65536 && c <= 1114111;
  }
  function isNsCharOrWhitespace(c) {
    return isPrintable(c) && c !== CHAR_BOM && // - b-char
    c !== CHAR_CARRIAGE_RETURN && c !== CHAR_LINE_FEED;
  }
  function isPlainSafe(c, prev, inblock) {
    const cIsNsCharOrWhitespace = isNsCharOrWhitespace(c);
    const cIsNsChar = cIsNsCharOrWhitespace && !isWhitespace(c);
    return (
      // ns-plain-safe
      (inblock ? cIsNsCharOrWhitespace : cIsNsCharOrWhitespace && // - c-flow-indicator
      c !== CHAR_COMMA && c !== CHAR_LEFT_SQUARE_BRACKET && c !== CHAR_RIGHT_SQUARE_BRACKET && c !== CHAR_LEFT_CURLY_BRACKET && c !== CHAR_RIGHT_CURLY_BRACKET) && // ns-plain-char
      c !== CHAR_SHARP && // false on '#'
      !(prev === CHAR_COLON && !cIsNsChar) || // false on ': '
      isNsCharOrWhitespace(prev) && !isWhitespace(prev) && c === CHAR_SHARP || // change to true on '[^ ]#'
      prev === CHAR_COLON && cIsNsChar
    );
  }
  function isPlainSafeFirst(c) {
    return isPrintable(c) && c !== CHAR_BOM && !isWhitespace(c) && // - s-white
    // - (c-indicator ::=
    // “-” | “?” | “:” | “,” | “[” | “]” | “{” | “}”
    c !== CHAR_MINUS && c !== CHAR_QUESTION && c !== CHAR_COLON && c !== CHAR_COMMA && c !== CHAR_LEFT_SQUARE_BRACKET && c !== CHAR_RIGHT_SQUARE_BRACKET && c !== CHAR_LEFT_CURLY_BRACKET && c !== CHAR_RIGHT_CURLY_BRACKET && // | “#” | “&” | “*” | “!” | “|” | “=” | “>” | “'” | “"”
    c !== CHAR_SHARP && c !== CHAR_AMPERSAND && c !== CHAR_ASTERISK && c !== CHAR_EXCLAMATION && c !== CHAR_VERTICAL_LINE && c !== CHAR_EQUALS && c !== CHAR_GREATER_THAN && c !== CHAR_SINGLE_QUOTE && c !== CHAR_DOUBLE_QUOTE && // | “%” | “@” | “`”)
    c !== CHAR_PERCENT && c !== CHAR_COMMERCIAL_AT && c !== CHAR_GRAVE_ACCENT;
  }
  function isPlainSafeLast(c) {
    return !isWhitespace(c) && c !== CHAR_COLON;
  }
  function codePointAt(string, pos) {
    const first = string.charCodeAt(pos);
    let second;
    if (first >= 55296 && first <= 56319 && pos + 1 < string.length) {
      second = string.charCodeAt(pos + 1);
      if (second >= 56320 && second <= 57343) {
        return (first - 55296) * 1024 + second - 56320 + 65536;
      }
    }
    return first;
  }
  function needIndentIndicator(string) {
    const leadingSpaceRe = /^\n* /;
    return leadingSpaceRe.test(string);
  }
  const STYLE_PLAIN = 1;
  const STYLE_SINGLE = 2;
  const STYLE_LITERAL = 3;
  const STYLE_FOLDED = 4;
  const STYLE_DOUBLE = 5;
  function chooseScalarStyle(string, singleLineOnly, indentPerLevel, lineWidth, testAmbiguousType, quotingType, forceQuotes, inblock) {
    let i;
    let char = 0;
    let prevChar = null;
    let hasLineBreak = false;
    let hasFoldableLine = false;
    const shouldTrackWidth = lineWidth !== -1;
    let previousLineBreak = -1;
    let plain = isPlainSafeFirst(codePointAt(string, 0)) && isPlainSafeLast(codePointAt(string, string.length - 1));
    if (singleLineOnly || forceQuotes) {
      for (i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
        char = codePointAt(string, i);
        if (!isPrintable(char)) {
          return STYLE_DOUBLE;
        }
        plain = plain && isPlainSafe(char, prevChar, inblock);
        prevChar = char;
      }
    } else {
      for (i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
        char = codePointAt(string, i);
        if (char === CHAR_LINE_FEED) {
          hasLineBreak = true;
          if (shouldTrackWidth) {
            hasFoldableLine = hasFoldableLine || // Foldable line = too long, and not more-indented.
            i - previousLineBreak - 1 > lineWidth && string[previousLineBreak + 1] !== " ";
            previousLineBreak = i;
          }
        } else if (!isPrintable(char)) {
          return STYLE_DOUBLE;
        }
        plain = plain && isPlainSafe(char, prevChar, inblock);
        prevChar = char;
      }
      hasFoldableLine = hasFoldableLine || shouldTrackWidth && (i - previousLineBreak - 1 > lineWidth && string[previousLineBreak + 1] !== " ");
    }
    if (!hasLineBreak && !hasFoldableLine) {
      if (plain && !forceQuotes && !testAmbiguousType(string)) {
        return STYLE_PLAIN;
      }
      return quotingType === QUOTING_TYPE_DOUBLE ? STYLE_DOUBLE : STYLE_SINGLE;
    }
    if (indentPerLevel > 9 && needIndentIndicator(string)) {
      return STYLE_DOUBLE;
    }
    if (!forceQuotes) {
      return hasFoldableLine ? STYLE_FOLDED : STYLE_LITERAL;
    }
    return quotingType === QUOTING_TYPE_DOUBLE ? STYLE_DOUBLE : STYLE_SINGLE;
  }
  function writeScalar(state, string, level, iskey, inblock) {
    state.dump = (function() {
      if (string.length === 0) {
        return state.quotingType === QUOTING_TYPE_DOUBLE ? '""' : "''";
      }
      if (!state.noCompatMode) {
        if (DEPRECATED_BOOLEANS_SYNTAX.indexOf(string) !== -1 || DEPRECATED_BASE60_SYNTAX.test(string)) {
          return state.quotingType === QUOTING_TYPE_DOUBLE ? '"' + string + '"' : "'" + string + "'";
        }
      }
      const indent = state.indent * Math.max(1, level);
      const lineWidth = state.lineWidth === -1 ? -1 : Math.max(Math.min(state.lineWidth, 40), state.lineWidth - indent);
      const singleLineOnly = iskey || // No block styles in flow mode.
      state.flowLevel > -1 && level >= state.flowLevel;
      function testAmbiguity(string2) {
        return testImplicitResolving(state, string2);
      }
      switch (chooseScalarStyle(
        string,
        singleLineOnly,
        state.indent,
        lineWidth,
        testAmbiguity,
        state.quotingType,
        state.forceQuotes && !iskey,
        inblock
      )) {
        case STYLE_PLAIN:
          return string;
        case STYLE_SINGLE:
          return "'" + string.replace(/'/g, "''") + "'";
        case STYLE_LITERAL:
          return "|" + blockHeader(string, state.indent) + dropEndingNewline(indentString(string, indent));
        case STYLE_FOLDED:
          return ">" + blockHeader(string, state.indent) + dropEndingNewline(indentString(foldString(string, lineWidth), indent));
        case STYLE_DOUBLE:
          return '"' + escapeString(string) + '"';
        default:
          throw new YAMLException2("impossible error: invalid scalar style");
      }
    })();
  }
  function blockHeader(string, indentPerLevel) {
    const indentIndicator = needIndentIndicator(string) ? String(indentPerLevel) : "";
    const clip = string[string.length - 1] === "\n";
    const keep = clip && (string[string.length - 2] === "\n" || string === "\n");
    const chomp = keep ? "+" : clip ? "" : "-";
    return indentIndicator + chomp + "\n";
  }
  function dropEndingNewline(string) {
    return string[string.length - 1] === "\n" ? string.slice(0, -1) : string;
  }
  function foldString(string, width) {
    const lineRe = /(\n+)([^\n]*)/g;
    let result = (function() {
      let nextLF = string.indexOf("\n");
      nextLF = nextLF !== -1 ? nextLF : string.length;
      lineRe.lastIndex = nextLF;
      return foldLine(string.slice(0, nextLF), width);
    })();
    let prevMoreIndented = string[0] === "\n" || string[0] === " ";
    let moreIndented;
    let match;
    while (match = lineRe.exec(string)) {
      const prefix = match[1];
      const line = match[2];
      moreIndented = line[0] === " ";
      result += prefix + (!prevMoreIndented && !moreIndented && line !== "" ? "\n" : "") + foldLine(line, width);
      prevMoreIndented = moreIndented;
    }
    return result;
  }
  function foldLine(line, width) {
    if (line === "" || line[0] === " ") return line;
    const breakRe = / [^ ]/g;
    let match;
    let start = 0;
    let end;
    let curr = 0;
    let next = 0;
    let result = "";
    while (match = breakRe.exec(line)) {
      next = match.index;
      if (next - start > width) {
        end = curr > start ? curr : next;
        result += "\n" + line.slice(start, end);
        start = end + 1;
      }
      curr = next;
    }
    result += "\n";
    if (line.length - start > width && curr > start) {
      result += line.slice(start, curr) + "\n" + line.slice(curr + 1);
    } else {
      result += line.slice(start);
    }
    return result.slice(1);
  }
  function escapeString(string) {
    let result = "";
    let char = 0;
    for (let i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
      char = codePointAt(string, i);
      const escapeSeq = ESCAPE_SEQUENCES[char];
      if (!escapeSeq && isPrintable(char)) {
        result += string[i];
        if (char >= 65536) result += string[i + 1];
      } else {
        result += escapeSeq || encodeHex(char);
      }
    }
    return result;
  }
  function writeFlowSequence(state, level, object) {
    let _result = "";
    const _tag = state.tag;
    for (let index2 = 0, length = object.length; index2 < length; index2 += 1) {
      let value = object[index2];
      if (state.replacer) {
        value = state.replacer.call(object, String(index2), value);
      }
      if (writeNode(state, level, value, false, false) || typeof value === "undefined" && writeNode(state, level, null, false, false)) {
        if (_result !== "") _result += "," + (!state.condenseFlow ? " " : "");
        _result += state.dump;
      }
    }
    state.tag = _tag;
    state.dump = "[" + _result + "]";
  }
  function writeBlockSequence(state, level, object, compact) {
    let _result = "";
    const _tag = state.tag;
    for (let index2 = 0, length = object.length; index2 < length; index2 += 1) {
      let value = object[index2];
      if (state.replacer) {
        value = state.replacer.call(object, String(index2), value);
      }
      if (writeNode(state, level + 1, value, true, true, false, true) || typeof value === "undefined" && writeNode(state, level + 1, null, true, true, false, true)) {
        if (!compact || _result !== "") {
          _result += generateNextLine(state, level);
        }
        if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
          _result += "-";
        } else {
          _result += "- ";
        }
        _result += state.dump;
      }
    }
    state.tag = _tag;
    state.dump = _result || "[]";
  }
  function writeFlowMapping(state, level, object) {
    let _result = "";
    const _tag = state.tag;
    const objectKeyList = Object.keys(object);
    for (let index2 = 0, length = objectKeyList.length; index2 < length; index2 += 1) {
      let pairBuffer = "";
      if (_result !== "") pairBuffer += ", ";
      if (state.condenseFlow) pairBuffer += '"';
      const objectKey = objectKeyList[index2];
      let objectValue = object[objectKey];
      if (state.replacer) {
        objectValue = state.replacer.call(object, objectKey, objectValue);
      }
      if (!writeNode(state, level, objectKey, false, false)) {
        continue;
      }
      if (state.dump.length > 1024) pairBuffer += "? ";
      pairBuffer += state.dump + (state.condenseFlow ? '"' : "") + ":" + (state.condenseFlow ? "" : " ");
      if (!writeNode(state, level, objectValue, false, false)) {
        continue;
      }
      pairBuffer += state.dump;
      _result += pairBuffer;
    }
    state.tag = _tag;
    state.dump = "{" + _result + "}";
  }
  function writeBlockMapping(state, level, object, compact) {
    let _result = "";
    const _tag = state.tag;
    const objectKeyList = Object.keys(object);
    if (state.sortKeys === true) {
      objectKeyList.sort();
    } else if (typeof state.sortKeys === "function") {
      objectKeyList.sort(state.sortKeys);
    } else if (state.sortKeys) {
      throw new YAMLException2("sortKeys must be a boolean or a function");
    }
    for (let index2 = 0, length = objectKeyList.length; index2 < length; index2 += 1) {
      let pairBuffer = "";
      if (!compact || _result !== "") {
        pairBuffer += generateNextLine(state, level);
      }
      const objectKey = objectKeyList[index2];
      let objectValue = object[objectKey];
      if (state.replacer) {
        objectValue = state.replacer.call(object, objectKey, objectValue);
      }
      if (!writeNode(state, level + 1, objectKey, true, true, true)) {
        continue;
      }
      const explicitPair = state.tag !== null && state.tag !== "?" || state.dump && state.dump.length > 1024;
      if (explicitPair) {
        if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
          pairBuffer += "?";
        } else {
          pairBuffer += "? ";
        }
      }
      pairBuffer += state.dump;
      if (explicitPair) {
        pairBuffer += generateNextLine(state, level);
      }
      if (!writeNode(state, level + 1, objectValue, true, explicitPair)) {
        continue;
      }
      if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
        pairBuffer += ":";
      } else {
        pairBuffer += ": ";
      }
      pairBuffer += state.dump;
      _result += pairBuffer;
    }
    state.tag = _tag;
    state.dump = _result || "{}";
  }
  function detectType(state, object, explicit) {
    const typeList = explicit ? state.explicitTypes : state.implicitTypes;
    for (let index2 = 0, length = typeList.length; index2 < length; index2 += 1) {
      const type2 = typeList[index2];
      if ((type2.instanceOf || type2.predicate) && (!type2.instanceOf || typeof object === "object" && object instanceof type2.instanceOf) && (!type2.predicate || type2.predicate(object))) {
        if (explicit) {
          if (type2.multi && type2.representName) {
            state.tag = type2.representName(object);
          } else {
            state.tag = type2.tag;
          }
        } else {
          state.tag = "?";
        }
        if (type2.represent) {
          const style = state.styleMap[type2.tag] || type2.defaultStyle;
          let _result;
          if (_toString.call(type2.represent) === "[object Function]") {
            _result = type2.represent(object, style);
          } else if (_hasOwnProperty.call(type2.represent, style)) {
            _result = type2.represent[style](object, style);
          } else {
            throw new YAMLException2("!<" + type2.tag + '> tag resolver accepts not "' + style + '" style');
          }
          state.dump = _result;
        }
        return true;
      }
    }
    return false;
  }
  function writeNode(state, level, object, block, compact, iskey, isblockseq) {
    state.tag = null;
    state.dump = object;
    if (!detectType(state, object, false)) {
      detectType(state, object, true);
    }
    const type2 = _toString.call(state.dump);
    const inblock = block;
    if (block) {
      block = state.flowLevel < 0 || state.flowLevel > level;
    }
    const objectOrArray = type2 === "[object Object]" || type2 === "[object Array]";
    let duplicateIndex;
    let duplicate;
    if (objectOrArray) {
      duplicateIndex = state.duplicates.indexOf(object);
      duplicate = duplicateIndex !== -1;
    }
    if (state.tag !== null && state.tag !== "?" || duplicate || state.indent !== 2 && level > 0) {
      compact = false;
    }
    if (duplicate && state.usedDuplicates[duplicateIndex]) {
      state.dump = "*ref_" + duplicateIndex;
    } else {
      if (objectOrArray && duplicate && !state.usedDuplicates[duplicateIndex]) {
        state.usedDuplicates[duplicateIndex] = true;
      }
      if (type2 === "[object Object]") {
        if (block && Object.keys(state.dump).length !== 0) {
          writeBlockMapping(state, level, state.dump, compact);
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + state.dump;
          }
        } else {
          writeFlowMapping(state, level, state.dump);
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + " " + state.dump;
          }
        }
      } else if (type2 === "[object Array]") {
        if (block && state.dump.length !== 0) {
          if (state.noArrayIndent && !isblockseq && level > 0) {
            writeBlockSequence(state, level - 1, state.dump, compact);
          } else {
            writeBlockSequence(state, level, state.dump, compact);
          }
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + state.dump;
          }
        } else {
          writeFlowSequence(state, level, state.dump);
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + " " + state.dump;
          }
        }
      } else if (type2 === "[object String]") {
        if (state.tag !== "?") {
          writeScalar(state, state.dump, level, iskey, inblock);
        }
      } else if (type2 === "[object Undefined]") {
        return false;
      } else {
        if (state.skipInvalid) return false;
        throw new YAMLException2("unacceptable kind of an object to dump " + type2);
      }
      if (state.tag !== null && state.tag !== "?") {
        let tagStr = encodeURI(
          state.tag[0] === "!" ? state.tag.slice(1) : state.tag
        ).replace(/!/g, "%21");
        if (state.tag[0] === "!") {
          tagStr = "!" + tagStr;
        } else if (tagStr.slice(0, 18) === "tag:yaml.org,2002:") {
          tagStr = "!!" + tagStr.slice(18);
        } else {
          tagStr = "!<" + tagStr + ">";
        }
        state.dump = tagStr + " " + state.dump;
      }
    }
    return true;
  }
  function getDuplicateReferences(object, state) {
    const objects = [];
    const duplicatesIndexes = [];
    inspectNode(object, objects, duplicatesIndexes);
    const length = duplicatesIndexes.length;
    for (let index2 = 0; index2 < length; index2 += 1) {
      state.duplicates.push(objects[duplicatesIndexes[index2]]);
    }
    state.usedDuplicates = new Array(length);
  }
  function inspectNode(object, objects, duplicatesIndexes) {
    if (object !== null && typeof object === "object") {
      const index2 = objects.indexOf(object);
      if (index2 !== -1) {
        if (duplicatesIndexes.indexOf(index2) === -1) {
          duplicatesIndexes.push(index2);
        }
      } else {
        objects.push(object);
        if (Array.isArray(object)) {
          for (let i = 0, length = object.length; i < length; i += 1) {
            inspectNode(object[i], objects, duplicatesIndexes);
          }
        } else {
          const objectKeyList = Object.keys(object);
          for (let i = 0, length = objectKeyList.length; i < length; i += 1) {
            inspectNode(object[objectKeyList[i]], objects, duplicatesIndexes);
          }
        }
      }
    }
  }
  function dump2(input, options) {
    options = options || {};
    const state = new State(options);
    if (!state.noRefs) getDuplicateReferences(input, state);
    let value = input;
    if (state.replacer) {
      value = state.replacer.call({ "": value }, "", value);
    }
    if (writeNode(state, 0, value, true, true)) return state.dump + "\n";
    return "";
  }
  dumper.dump = dump2;
  return dumper;
}
var hasRequiredJsYaml;
function requireJsYaml() {
  if (hasRequiredJsYaml) return jsYaml;
  hasRequiredJsYaml = 1;
  const loader2 = requireLoader();
  const dumper2 = requireDumper();
  function renamed(from, to) {
    return function() {
      throw new Error("Function yaml." + from + " is removed in js-yaml 4. Use yaml." + to + " instead, which is now safe by default.");
    };
  }
  jsYaml.Type = requireType();
  jsYaml.Schema = requireSchema();
  jsYaml.FAILSAFE_SCHEMA = requireFailsafe();
  jsYaml.JSON_SCHEMA = requireJson();
  jsYaml.CORE_SCHEMA = requireCore();
  jsYaml.DEFAULT_SCHEMA = require_default();
  jsYaml.load = loader2.load;
  jsYaml.loadAll = loader2.loadAll;
  jsYaml.dump = dumper2.dump;
  jsYaml.YAMLException = requireException();
  jsYaml.types = {
    binary: requireBinary(),
    float: requireFloat(),
    map: requireMap(),
    null: require_null(),
    pairs: requirePairs(),
    set: requireSet(),
    timestamp: requireTimestamp(),
    bool: requireBool(),
    int: requireInt(),
    merge: requireMerge(),
    omap: requireOmap(),
    seq: requireSeq(),
    str: requireStr()
  };
  jsYaml.safeLoad = renamed("safeLoad", "load");
  jsYaml.safeLoadAll = renamed("safeLoadAll", "loadAll");
  jsYaml.safeDump = renamed("safeDump", "dump");
  return jsYaml;
}
var jsYamlExports = requireJsYaml();
var yaml = /* @__PURE__ */ getDefaultExportFromCjs(jsYamlExports);
var {
  Type,
  Schema,
  FAILSAFE_SCHEMA,
  JSON_SCHEMA,
  CORE_SCHEMA,
  DEFAULT_SCHEMA,
  load,
  loadAll,
  dump,
  YAMLException,
  types,
  safeLoad,
  safeLoadAll,
  safeDump
} = yaml;

// src/load/scalars.ts
var BOOLEANS_AND_NULLS = new Map([
  ...["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map((s) => [s, true]),
  ...["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map((s) => [s, false]),
  ...["", "~", "null", "Null", "NULL"].map((s) => [s, null])
]);
var SPECIAL_FLOATS = new Map([
  ...[".nan", ".NaN", ".NAN"].map((s) => [s, Number.NaN]),
  ...[".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].map((s) => [s, Number.POSITIVE_INFINITY]),
  ...["-.inf", "-.Inf", "-.INF"].map((s) => [s, Number.NEGATIVE_INFINITY])
]);
var GO_INT = /^(?:0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;
var GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
var DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
var INT64_MAX = 2n ** 63n - 1n;
var UINT64_MAX = 2n ** 64n - 1n;
function bigOf(digits) {
  return BigInt(digits.length > 1 && digits[0] === "0" && /[0-7]/.test(digits[1] ?? "") ? `0o${digits.slice(1)}` : digits);
}
function resolveNumber(text) {
  const plain = text.includes("_") ? text.replace(/_/g, "") : text;
  const sign = plain[0] === "-" || plain[0] === "+" ? plain[0] : "";
  const digits = sign ? plain.slice(1) : plain;
  let unsignedOverflow = false;
  if (GO_INT.test(digits)) {
    const magnitude = bigOf(digits);
    if (magnitude <= (sign === "-" ? INT64_MAX + 1n : INT64_MAX)) return Number(sign === "-" ? -magnitude : magnitude);
    if (!sign && magnitude <= UINT64_MAX) return Number(magnitude);
    unsignedOverflow = !sign;
  }
  if (GO_FLOAT.test(plain)) {
    const value = Number(plain);
    if (Number.isFinite(value)) return value;
  }
  if (unsignedOverflow) return Number(bigOf(digits));
  return text;
}
function resolvePlainScalar(text) {
  const known = BOOLEANS_AND_NULLS.get(text);
  if (known !== void 0) return known;
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57 || c === 43 || c === 45) {
    const special = SPECIAL_FLOATS.get(text);
    return special ?? resolveNumber(text);
  }
  if (c === 46) {
    const special = SPECIAL_FLOATS.get(text);
    if (special !== void 0) return special;
    if (DOT_FLOAT.test(text)) return Number(text);
  }
  return text;
}
var kubernetesNumberTag = {
  tag: "tag:kube-lint.io,2024:plain-number",
  default: true,
  test: /^[-+.0-9]/,
  resolve: (text) => resolvePlainScalar(text)
};

// src/load/fast-parse.ts
var PLAIN = 0;
var QUOTED = 1;
var BLOCK = 2;
var EMPTY = 3;
var ALIAS = 4;
var MAP = 5;
var SEQ = 6;
var FLOW_MAP = 7;
var FLOW_SEQ = 8;
var DEFAULT_ALIAS_BUDGET = 100;
function maxFastAliases(budget) {
  return Math.floor(Math.log2(budget));
}
var Unsupported = class extends Error {
};
var Uncertain = class extends Error {
};
var ANCHORED = 1;
var AFTER_QUESTION = 2;
var Tree = class {
  kind;
  flags;
  /** Start offset (the `yaml` package's range[0]). */
  start;
  /** js-yaml's position when it closed the node (past an alias's name; an empty node's start). */
  end;
  /** Nodes in the subtree, the node included. */
  size;
  /** The value js-yaml built for each node. */
  value = [];
  /** Alias node -> its anchor's node. */
  target = /* @__PURE__ */ new Map();
  count = 0;
  /** Manifests have about one node per 12 characters: start near that, grow if needed. */
  constructor(textLength) {
    const capacity = Math.max(64, textLength >> 3);
    this.kind = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.size = new Int32Array(capacity);
  }
  add(kind, start, end, size, value) {
    const i = this.count;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.flags[i] = 0;
    this.start[i] = start;
    this.end[i] = end;
    this.size[i] = size;
    this.value[i] = value;
    this.count = i + 1;
    return i;
  }
  grow() {
    const capacity = this.kind.length * 2;
    const grown = (array, make) => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.kind = grown(this.kind, (n) => new Uint8Array(n));
    this.flags = grown(this.flags, (n) => new Uint8Array(n));
    this.start = grown(this.start, (n) => new Int32Array(n));
    this.end = grown(this.end, (n) => new Int32Array(n));
    this.size = grown(this.size, (n) => new Int32Array(n));
  }
  kindOf(i) {
    return this.kind[i] ?? EMPTY;
  }
  startOf(i) {
    return this.start[i] ?? 0;
  }
  endOf(i) {
    return this.end[i] ?? 0;
  }
  sizeOf(i) {
    return this.size[i] ?? 1;
  }
  flag(i, flag) {
    this.flags[i] = (this.flags[i] ?? 0) | flag;
  }
  /** The children of node `i`, first to last. */
  children(i) {
    const out = [];
    const first = i - this.sizeOf(i) + 1;
    for (let j = i - 1; j >= first; j -= this.sizeOf(j)) out.push(j);
    return out.reverse();
  }
};
var resolvedScalar;
var plainScalar = new Type("tag:kube-lint.io,2024:plain", {
  kind: "scalar",
  resolve: (data) => {
    if (typeof data !== "string") return false;
    const value = resolvePlainScalar(data);
    if (typeof value === "string") return false;
    resolvedScalar = value;
    return true;
  },
  construct: () => resolvedScalar
});
var mergeKey = new Type("tag:yaml.org,2002:merge", { kind: "scalar", resolve: (data) => data === "<<" });
var SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [mergeKey, plainScalar], explicit: [mergeKey] });
var MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
function isBreakOrSpace(c) {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
function isFlowIndicator(c) {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}
var TreeBuilder = class {
  constructor(text, findDuplicates = false, aliasBudget = DEFAULT_ALIAS_BUDGET) {
    this.text = text;
    this.findDuplicates = findDuplicates;
    this.aliasBudget = aliasBudget;
    this.tree = new Tree(text.length);
  }
  text;
  findDuplicates;
  aliasBudget;
  tree;
  /** Root node of each document. */
  roots = [];
  opens = [];
  firsts = [];
  anchors = /* @__PURE__ */ new Map();
  aliases = 0;
  /** With js-yaml's `json` option on (duplicate keys allowed), where duplicate keys start. */
  duplicates = [];
  listener = (event, state) => {
    if (event === "open") {
      this.opens.push(state.position);
      this.firsts.push(this.tree.count);
      return;
    }
    const open = this.opens.pop() ?? 0;
    const first = this.firsts.pop() ?? 0;
    const node = this.close(open, first, state);
    if (state.anchor !== null) {
      this.tree.flag(node, ANCHORED);
      this.anchors.set(state.anchor, node);
    }
    if (this.text.charCodeAt(open - 1) === 63) this.tree.flag(node, AFTER_QUESTION);
    if (this.opens.length === 0) {
      if (this.aliases > maxFastAliases(this.aliasBudget)) this.checkAliasBudget(first, node);
      this.roots.push(node);
      this.anchors = /* @__PURE__ */ new Map();
      this.aliases = 0;
    }
  };
  /**
   * Throws unless the `yaml` package's alias budget (its maxAliasCount) surely holds for the
   * document made of nodes first..root. Its check, at each alias, is count x aliasCount of the
   * anchor: count is at most 1 + the aliases to it; aliasCount is at most U(anchor) = the largest
   * (1 + aliases to T) x U(T) over the aliases (to T) inside the anchor, or 1. Merging re-reads the
   * merged map, and the aliases in it: documents that merge a map holding aliases are left to the
   * exact parser.
   */
  checkAliasBudget(first, root) {
    const tree = this.tree;
    const uses = /* @__PURE__ */ new Map();
    for (const [alias, target] of tree.target) if (alias >= first && alias <= root) uses.set(target, (uses.get(target) ?? 0) + 1);
    const hasAlias = (node) => {
      for (let i = node - tree.sizeOf(node) + 1; i <= node; i++) if (tree.kindOf(i) === ALIAS) return true;
      return false;
    };
    const bound = /* @__PURE__ */ new Map();
    const upper = (node) => {
      const known = bound.get(node);
      if (known !== void 0) return known;
      let u = 1;
      for (let i = node - tree.sizeOf(node) + 1; i <= node; i++) {
        const target = tree.kindOf(i) === ALIAS ? tree.target.get(i) : void 0;
        if (target !== void 0) u = Math.max(u, (1 + (uses.get(target) ?? 0)) * upper(target));
      }
      bound.set(node, u);
      return u;
    };
    for (let i = first; i <= root; i++) {
      const target = tree.kindOf(i) === ALIAS ? tree.target.get(i) : void 0;
      if (target === void 0) continue;
      if ((1 + (uses.get(target) ?? 0)) * upper(target) > this.aliasBudget) throw new Unsupported();
      const parent = this.mergeParent(i, first);
      if (parent && hasAlias(target)) throw new Unsupported();
    }
  }
  /** Whether alias node `i` is (an item of) the value of a `<<` merge key. */
  mergeParent(i, first) {
    const tree = this.tree;
    const isMergeKey2 = (key3) => key3 >= first && tree.kindOf(key3) === PLAIN && tree.value[key3] === "<<";
    if (isMergeKey2(i - 1)) return true;
    for (let j = i + 1; j < tree.count; j++) {
      if (j - tree.sizeOf(j) + 1 <= i) {
        const kind = tree.kindOf(j);
        return (kind === SEQ || kind === FLOW_SEQ) && isMergeKey2(j - tree.sizeOf(j));
      }
    }
    return false;
  }
  /** Turns the events of one node into (at most) one node of the tree; returns its index. */
  close(open, from, state) {
    const tree = this.tree;
    const { kind, result } = state;
    const last = tree.count - 1;
    if (last >= from) {
      if (tree.size[last] === last - from + 1 && tree.kind[last] !== EMPTY && tree.value[last] === result) {
        const k = tree.kindOf(last);
        if (kind === "scalar" ? k <= BLOCK : kind === null ? k === ALIAS : k >= MAP) return last;
        throw new Unsupported();
      }
      if (kind === "mapping") return this.mapping(open, from, state.position, result);
      if (kind === "sequence") return this.sequence(open, from, state.position, result);
      for (let j = last; j >= from; j -= tree.sizeOf(j)) if (tree.kind[j] !== EMPTY) throw new Unsupported();
      tree.count = from;
    } else if (kind === "mapping") {
      return this.mapping(open, from, state.position, result);
    } else if (kind === "sequence") {
      return this.sequence(open, from, state.position, result);
    }
    if (kind === null) return this.aliasOrEmpty(open, result);
    return this.scalar(open, state.position, result);
  }
  /** Skips spaces, line breaks, comments and anchors up to a node's content. */
  contentStart(from) {
    const text = this.text;
    let i = from;
    for (; ; ) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else if (c === 35) {
        while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      } else if (c === 38) {
        i++;
        while (i < text.length && !isBreakOrSpace(text.charCodeAt(i)) && !isFlowIndicator(text.charCodeAt(i))) i++;
      } else if (c === 33) {
        if (!text.startsWith("!!merge", i) || !isBreakOrSpace(text.charCodeAt(i + 7))) throw new Unsupported();
        i += 7;
      } else return i;
    }
  }
  scalar(open, end, result) {
    const text = this.text;
    const c = text.charCodeAt(open);
    const start = c === 32 || c === 10 || c === 13 || c === 9 || c === 35 || c === 38 || c === 33 ? this.contentStart(open) : open;
    const first = text.charCodeAt(start);
    if (first === 34 || first === 39) {
      if (text.charCodeAt(end) === 35) throw new Unsupported();
      return this.tree.add(QUOTED, start, end, 1, result);
    }
    return this.tree.add(first === 124 || first === 62 ? BLOCK : PLAIN, start, end, 1, result);
  }
  aliasOrEmpty(open, result) {
    const text = this.text;
    if (result !== null) {
      const start = this.contentStart(open);
      if (text.charCodeAt(start) !== 42) throw new Unsupported();
      let i2 = start + 1;
      while (i2 < text.length && !isBreakOrSpace(text.charCodeAt(i2)) && !isFlowIndicator(text.charCodeAt(i2))) i2++;
      const target = this.anchors.get(text.slice(start + 1, i2));
      if (target === void 0 || this.tree.value[target] !== result) throw new Unsupported();
      this.aliases++;
      const node = this.tree.add(ALIAS, start, i2, 1, result);
      this.tree.target.set(node, target);
      return node;
    }
    let i = open;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    const c = text.charCodeAt(i);
    if (c === 42 || c === 38 || c === 33) throw new Unsupported();
    return this.tree.add(EMPTY, i, i, 1, null);
  }
  mapping(open, from, end, result) {
    const tree = this.tree;
    let last = tree.count - 1;
    let kids = 0;
    for (let j = last; j >= from; j -= tree.sizeOf(j)) kids++;
    const start = this.contentStart(open);
    const flowStart = this.text.charCodeAt(start) === 123;
    if (flowStart) {
      if (this.text.charCodeAt(end) === 35) throw new Unsupported();
      if (kids % 2 === 1) throw new Unsupported();
      for (let j = last; j >= from; ) {
        const value = j;
        const key3 = value - tree.sizeOf(value);
        if (tree.kind[value] === EMPTY || !this.colonAfter(tree.endOf(key3))) throw new Unsupported();
        j = key3 - 1;
      }
    } else if (kids % 2 === 1) {
      if (tree.kind[last] !== EMPTY) throw new Unsupported();
      tree.count = last;
      last--;
    }
    if (last < from && !flowStart) throw new Unsupported();
    for (let j = last; j >= from; ) {
      const key3 = j - tree.sizeOf(j);
      const k = tree.kind[key3];
      if (k !== PLAIN && k !== QUOTED || tree.flags[key3] !== 0 || typeof tree.value[key3] === "object") throw new Unsupported();
      j = key3 - 1;
    }
    if (this.findDuplicates) this.duplicateKeys(from, last);
    return tree.add(flowStart ? FLOW_MAP : MAP, flowStart ? start : tree.startOf(from), end, tree.count - from + 1, result);
  }
  sequence(open, from, end, result) {
    const tree = this.tree;
    const start = this.contentStart(open);
    const flow = this.text.charCodeAt(start) === 91;
    if (flow && this.text.charCodeAt(end) === 35) throw new Unsupported();
    let kids = 0;
    for (let j = tree.count - 1; j >= from; j -= tree.sizeOf(j)) {
      if (tree.kind[j] === EMPTY) throw new Unsupported();
      kids++;
    }
    if (!Array.isArray(result) || result.length !== kids) throw new Unsupported();
    return tree.add(flow ? FLOW_SEQ : SEQ, start, end, tree.count - from + 1, result);
  }
  /**
   * Keys equal to an earlier key of the same map, as the `yaml` package's uniqueKeys sees them:
   * the same resolved value (so `yes` and `true` collide, `1` and `"1"` do not).
   */
  duplicateKeys(from, last) {
    const tree = this.tree;
    const keys = [];
    for (let j = last; j >= from; ) {
      const key3 = j - tree.sizeOf(j);
      keys.push(key3);
      j = key3 - 1;
    }
    keys.reverse();
    const seen = /* @__PURE__ */ new Set();
    for (const key3 of keys) {
      const value = tree.value[key3];
      if (tree.kindOf(key3) === PLAIN && value === "<<") continue;
      if (seen.has(value) && !Number.isNaN(value)) this.duplicates.push({ offset: tree.startOf(key3), document: this.roots.length });
      seen.add(value);
    }
  }
  colonAfter(from) {
    const text = this.text;
    let i = from;
    while (isBreakOrSpace(text.charCodeAt(i))) i++;
    return text.charCodeAt(i) === 58;
  }
};
var MAX_IMPLICIT_KEY = 1024;
function hasLongImplicitKey(text) {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (end - start > MAX_IMPLICIT_KEY) {
      let key3 = start;
      while (key3 < end && (text.charCodeAt(key3) === 32 || text.charCodeAt(key3) === 45 || text.charCodeAt(key3) === 9)) key3++;
      let colon = text.indexOf(": ", key3);
      if (colon < 0 || colon > end) colon = text.charCodeAt(end - 1) === 58 ? end - 1 : -1;
      if (colon - key3 > MAX_IMPLICIT_KEY) return true;
    }
    start = end + 1;
  }
  return false;
}
function hasLongKey(root) {
  const seen = /* @__PURE__ */ new Set();
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    for (const [key3, item] of Object.entries(value)) {
      if (key3.length > MAX_IMPLICIT_KEY) return true;
      stack.push(item);
    }
  }
  return false;
}
function segmentsOf(text) {
  const segments = [];
  let current;
  let dotsSeen = false;
  let first = true;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    const at = m.index;
    if (first && hasContent(text, 0, at)) segments.push(current = { marker: -1, end: at });
    first = false;
    if (text.startsWith("---", at)) {
      if (dotsSeen && current && hasContent(text, current.end, at)) return void 0;
      if (current && !dotsSeen) current.end = at;
      current = { marker: at, end: text.length };
      segments.push(current);
      dotsSeen = false;
    } else {
      if (dotsSeen || !current) return void 0;
      const nl = text.indexOf("\n", at);
      current.end = nl === -1 ? text.length : nl + 1;
      dotsSeen = true;
    }
  }
  if (first) {
    if (hasContent(text, 0, text.length)) return { segments: [{ marker: -1, end: text.length }], phantom: false };
    return { segments: [], phantom: text.length > 0 };
  }
  if (dotsSeen && current && hasContent(text, current.end, text.length)) return void 0;
  return { segments, phantom: false };
}
function hasContent(text, from, to) {
  let lineStart = true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lineStart = true;
    else if (lineStart && c === 35) {
      while (i < to && text.charCodeAt(i) !== 10) i++;
    } else if (c !== 32 && c !== 9 && c !== 13) return true;
  }
  return false;
}
var Lines = class {
  constructor(text) {
    this.text = text;
  }
  text;
  starts;
  lineStarts() {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    return this.starts;
  }
  /** 0-based line index of an offset. */
  index(offset) {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  line(offset) {
    return this.index(offset) + 1;
  }
  column(offset) {
    return offset - this.lineStarts()[this.index(offset)] + 1;
  }
};
var Ranges = class {
  constructor(text, tree) {
    this.text = text;
    this.tree = tree;
  }
  text;
  tree;
  /** The `yaml` package's range[1]. */
  valueEnd(node, ownerColumn) {
    const tree = this.tree;
    switch (tree.kind[node]) {
      case PLAIN: {
        let i = tree.endOf(node);
        while (i > tree.startOf(node) && isBreakOrSpace(this.text.charCodeAt(i - 1))) i--;
        return i;
      }
      case BLOCK:
        return this.blockScalarEnd(tree.startOf(node), ownerColumn);
      case MAP: {
        const value = node - 1;
        const key3 = value - tree.sizeOf(value);
        return this.nodeEnd(value, this.column0(tree.startOf(key3)) + 1);
      }
      case SEQ: {
        const item = node - 1;
        return this.nodeEnd(item, this.dashColumn(tree.startOf(item)) + 1);
      }
      default:
        return tree.endOf(node);
    }
  }
  /** The `yaml` package's range[2]: the value end plus what trails it on its line. */
  nodeEnd(node, ownerColumn) {
    const tree = this.tree;
    switch (tree.kind[node]) {
      case BLOCK:
        return this.blockScalarEnd(tree.startOf(node), ownerColumn);
      case EMPTY:
        return this.text.charCodeAt(tree.startOf(node)) === 35 ? this.lineRest(tree.startOf(node)) : tree.startOf(node);
      case MAP:
      case SEQ: {
        const end = this.valueEnd(node, ownerColumn);
        let i = end;
        while (isBreakOrSpace(this.text.charCodeAt(i))) i++;
        if (this.text.charCodeAt(i) === 35) throw new Uncertain();
        return end;
      }
      default:
        return this.lineRest(this.valueEnd(node, ownerColumn));
    }
  }
  /** Past the spaces, comment and line break that follow `from` on its line. */
  lineRest(from) {
    const text = this.text;
    let i = from;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    if (text.charCodeAt(i) === 35) while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) return i + 2;
    if (text.charCodeAt(i) === 10) return i + 1;
    return i;
  }
  column0(offset) {
    const nl = this.text.lastIndexOf("\n", offset - 1);
    return offset - (nl + 1);
  }
  /** The column of the `-` of a block sequence item that starts at `itemStart`. */
  dashColumn(itemStart) {
    let i = itemStart - 1;
    while (i >= 0 && (this.text.charCodeAt(i) === 32 || this.text.charCodeAt(i) === 9)) i--;
    if (i < 0 || this.text.charCodeAt(i) !== 45) throw new Uncertain();
    return this.column0(i);
  }
  /** The end of a block scalar, as the `yaml` package's lexer finds it (parseBlockScalar). */
  blockScalarEnd(start, indentNextIn) {
    const text = this.text;
    const length = text.length;
    let indentNext = indentNextIn;
    let keep = false;
    let explicit = -1;
    for (let i2 = start + 1; ; i2++) {
      const ch2 = text[i2];
      if (ch2 === "+") keep = true;
      else if (ch2 !== void 0 && ch2 > "0" && ch2 <= "9") explicit = Number(ch2) - 1;
      else if (ch2 !== "-") break;
    }
    const headerEnd = text.indexOf("\n", start);
    const pos = headerEnd === -1 ? length : headerEnd + 1;
    let nl = pos - 1;
    let indent = 0;
    scan: for (let i2 = pos; i2 < length; i2++) {
      switch (text[i2]) {
        case " ":
          indent += 1;
          break;
        case "\n":
          nl = i2;
          indent = 0;
          break;
        case "\r":
          if (text[i2 + 1] === "\n") break;
          break scan;
        default:
          break scan;
      }
    }
    if (indent >= indentNext) {
      indentNext = explicit === -1 ? indent : explicit + (indentNext === 0 ? 1 : indentNext);
      do {
        const cs = this.continueScalar(nl + 1, indentNext);
        if (cs === -1) break;
        nl = text.indexOf("\n", cs);
      } while (nl !== -1);
      if (nl === -1) nl = length;
    }
    let i = nl + 1;
    let ch = text[i];
    while (ch === " ") ch = text[++i];
    if (ch === "	") {
      while (ch === "	" || ch === " " || ch === "\r" || ch === "\n") ch = text[++i];
      nl = i - 1;
    } else if (!keep) {
      for (; ; ) {
        let j = nl - 1;
        let c = text[j];
        if (c === "\r") c = text[--j];
        const lastChar = j;
        while (c === " ") c = text[--j];
        if (c === "\n" && j >= pos && j + 1 + indent > lastChar) nl = j;
        else break;
      }
    }
    return Math.min(nl + 1, length);
  }
  continueScalar(offset, indentNext) {
    const text = this.text;
    let ch = text[offset];
    if (indentNext > 0) {
      let indent = 0;
      while (ch === " ") ch = text[++indent + offset];
      if (ch === "\r" && text[indent + offset + 1] === "\n") return offset + indent + 1;
      return ch === "\n" || indent >= indentNext ? offset + indent : -1;
    }
    if (ch === "-" || ch === ".") {
      const dt = text.slice(offset, offset + 3);
      const after = text.charCodeAt(offset + 3);
      if ((dt === "---" || dt === "...") && (Number.isNaN(after) || isBreakOrSpace(after))) return -1;
    }
    return offset;
  }
};
var Locator = class {
  constructor(tree, ranges) {
    this.tree = tree;
    this.ranges = ranges;
  }
  tree;
  ranges;
  keyString(key3) {
    const v = this.tree.value[key3];
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : void 0;
  }
  isMergeKey(key3) {
    return this.tree.kind[key3] === PLAIN && this.tree.value[key3] === "<<";
  }
  deref(node) {
    let current = node;
    for (let depth = 0; depth < 100 && this.tree.kind[current] === ALIAS; depth++) current = this.tree.target.get(current) ?? current;
    return current;
  }
  isMap(node) {
    return this.tree.kind[node] === MAP || this.tree.kind[node] === FLOW_MAP;
  }
  findPair(map2, wanted) {
    const tree = this.tree;
    const first = map2 - tree.sizeOf(map2) + 1;
    for (let value = map2 - 1; value >= first; ) {
      const key3 = value - tree.sizeOf(value);
      if (!this.isMergeKey(key3) && this.keyString(key3) === wanted) {
        return { node: value, key: key3, owner: this.ranges.column0(tree.startOf(key3)) + 1 };
      }
      value = key3 - 1;
    }
    return void 0;
  }
  childOf(parent, segment) {
    const tree = this.tree;
    const node = this.deref(parent);
    const kind = tree.kind[node];
    if (kind === SEQ || kind === FLOW_SEQ) {
      if (typeof segment !== "number") return void 0;
      const item = tree.children(node)[segment];
      if (item === void 0) return void 0;
      return { node: item, key: -1, owner: kind === SEQ ? this.ranges.dashColumn(tree.startOf(item)) + 1 : 0 };
    }
    if (!this.isMap(node)) return void 0;
    const wanted = String(segment);
    const own = this.findPair(node, wanted);
    if (own) return own;
    const kids = tree.children(node);
    for (let i = 0; i < kids.length; i += 2) {
      const key3 = kids[i];
      if (!this.isMergeKey(key3)) continue;
      const value = kids[i + 1];
      const sources = this.deref(value);
      const seq2 = tree.kind[sources] === SEQ || tree.kind[sources] === FLOW_SEQ;
      const maps = seq2 ? tree.children(sources).map((item) => this.deref(item)) : [sources];
      for (const source of maps) {
        if (this.isMap(source) && this.findPair(source, wanted)) {
          return { node: value, key: key3, owner: this.ranges.column0(tree.startOf(key3)) + 1 };
        }
      }
    }
    return void 0;
  }
  locate(root, path9, target) {
    let current = { node: root, key: -1, owner: 0 };
    let exact = true;
    for (const segment of path9) {
      const next = this.childOf(current.node, segment);
      if (!next) {
        exact = false;
        break;
      }
      current = next;
    }
    const { node, key: key3 } = current;
    const scalar = this.tree.kindOf(node) <= EMPTY;
    if (key3 !== -1 && (target === "key" || !exact || !scalar)) {
      return { start: this.tree.startOf(key3), end: this.ranges.valueEnd(key3, 0), exact };
    }
    return { start: this.tree.startOf(node), end: this.ranges.valueEnd(node, current.owner), exact };
  }
};
function buildTree(text, allowDuplicates = false, aliasBudget = DEFAULT_ALIAS_BUDGET) {
  const builder = new TreeBuilder(text, allowDuplicates, aliasBudget);
  const options = { schema: SCHEMA, listener: builder.listener, json: allowDuplicates };
  return { values: loadAll(text, void 0, options), builder };
}
function emptyRoot(tree, text, marker) {
  let start = marker + 3;
  while (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9) start++;
  return tree.add(EMPTY, start, start, 1, null);
}
function beforeNode(c) {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 58 || c === 45 || c === 91 || c === 123 || c === 44 || Number.isNaN(c);
}
function propertyNames(text, indicator) {
  const anywhere = indicator === "&";
  const names = /* @__PURE__ */ new Set();
  for (let i = text.indexOf(indicator); i !== -1; i = text.indexOf(indicator, i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (isBreakOrSpace(next) || isFlowIndicator(next) || Number.isNaN(next)) continue;
    let j = i - 1;
    while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j--;
    const c = text.charCodeAt(j);
    if (!anywhere && j >= 0 && c !== 10 && c !== 13 && c !== 58 && c !== 45 && c !== 91 && c !== 123 && c !== 44 && c !== 63) {
      continue;
    }
    let end = i + 1;
    while (end < text.length && !isBreakOrSpace(text.charCodeAt(end)) && !isFlowIndicator(text.charCodeAt(end))) end++;
    names.add(text.slice(i + 1, end));
  }
  return names;
}
function mayHaveAliases(text) {
  if (!text.includes("*") || !text.includes("&")) return false;
  const aliases = propertyNames(text, "*");
  if (aliases.size === 0) return false;
  const anchors = propertyNames(text, "&");
  for (const name of aliases) if (anchors.has(name)) return true;
  return false;
}
function hasGluedComment(text) {
  for (const glued of ['"#', "'#", "]#", "}#"]) {
    for (let i = text.indexOf(glued); i !== -1; i = text.indexOf(glued, i + 1)) {
      if (glued.startsWith("]") || glued.startsWith("}")) return true;
      const before = text.charCodeAt(i - 1);
      if (!beforeNode(before) && (before !== 39 || beforeNode(text.charCodeAt(i - 2)))) return true;
    }
  }
  return false;
}
function hasExplicitKey(text) {
  for (let i = text.indexOf("?"); i !== -1; i = text.indexOf("?", i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (!isBreakOrSpace(next) && !Number.isNaN(next)) continue;
    let j = i - 1;
    while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j--;
    const c = text.charCodeAt(j);
    if (j < 0 || c === 10 || c === 13 || c === 45 || c === 91 || c === 123 || c === 44) return true;
  }
  return false;
}
function hasCollectionKey(text) {
  for (const closing of ["]:", "}:"]) {
    for (let i = text.indexOf(closing); i !== -1; i = text.indexOf(closing, i + 1)) {
      const next = text.charCodeAt(i + 2);
      if (isBreakOrSpace(next) || Number.isNaN(next)) return true;
    }
  }
  return false;
}
function hasNullKey(text) {
  for (const key3 of ["~:", "null:", "Null:", "NULL:"]) {
    for (let i = text.indexOf(key3); i !== -1; i = text.indexOf(key3, i + 1)) {
      const next = text.charCodeAt(i + key3.length);
      const before = text.charCodeAt(i - 1);
      if ((isBreakOrSpace(next) || Number.isNaN(next)) && (beforeNode(before) || before === 63)) return true;
    }
  }
  return false;
}
function needsEagerTree(text) {
  return mayHaveAliases(text) || hasGluedComment(text) || hasExplicitKey(text) || hasCollectionKey(text) || hasNullKey(text);
}
function parseYamlFast(fullText, exact, mode = "auto", aliasBudget = DEFAULT_ALIAS_BUDGET) {
  const bom = fullText.charCodeAt(0) === 65279 ? 1 : 0;
  const text = bom ? fullText.slice(1) : fullText;
  if (text.charCodeAt(0) === 37 || text.includes("\n%")) return void 0;
  const eager = mode === "eager" || mode === "auto" && (!text.includes("CustomResourceDefinition") || needsEagerTree(text));
  let values;
  let builder;
  try {
    if (eager) ({ values, builder } = buildTree(text, false, aliasBudget));
    else values = loadAll(text, void 0, { schema: SCHEMA });
  } catch (error) {
    if (!(error instanceof YAMLException) || !error.message.startsWith("duplicated mapping key")) return void 0;
    try {
      ({ values, builder } = buildTree(text, true, aliasBudget));
    } catch {
      return void 0;
    }
  }
  if (hasLongImplicitKey(text) && values.some(hasLongKey)) return void 0;
  const found = segmentsOf(text);
  if (!found) return void 0;
  const { segments, phantom } = found;
  if (values.length !== segments.length + (phantom ? 1 : 0)) return void 0;
  if (builder && builder.roots.length !== values.length) return void 0;
  if (segments.some((segment, i) => segment.marker < 0 && values[i] === null)) return void 0;
  const lines = new Lines(fullText);
  const exactDocuments = /* @__PURE__ */ new Map();
  const exactDocument = (index2) => {
    if (exactDocuments.has(index2)) return exactDocuments.get(index2);
    const segment = segments[index2];
    const base = Math.max(segment.marker, 0) + bom;
    const shift = lines.line(base) - 1;
    const found2 = exact(fullText.slice(base, segment.end + bom)).documents.find((d) => d.index === 0);
    const moved = (range) => ({ ...range, line: range.line + shift, endLine: range.endLine + shift });
    const document = found2 && {
      index: index2,
      value: found2.value,
      startLine: found2.startLine + shift,
      endLine: found2.endLine + shift,
      contentLine: found2.contentLine + shift,
      locate: (path9, target) => moved(found2.locate(path9, target))
    };
    exactDocuments.set(index2, document);
    return document;
  };
  const rangeOf = (start, end) => ({
    line: lines.line(start + bom),
    column: lines.column(start + bom),
    endLine: lines.line(Math.max(start, end) + bom),
    endColumn: lines.column(Math.max(start, end) + bom)
  });
  let fileLocator;
  const positions = [];
  const positionsOf = (index2) => {
    const known = positions[index2];
    if (known !== void 0) return known;
    const segment = segments[index2];
    let result;
    try {
      if (builder) {
        const tree = builder.tree;
        fileLocator ??= new Locator(tree, new Ranges(text, tree));
        let root = builder.roots[index2];
        if (tree.kind[root] === EMPTY) root = emptyRoot(tree, text, segment.marker);
        result = { tree, locator: fileLocator, root, base: 0 };
      } else {
        const base = Math.max(segment.marker, 0);
        const slice = text.slice(base, segment.end);
        const built = buildTree(slice, false, aliasBudget).builder;
        const tree = built.tree;
        if (built.roots.length !== 1) throw new Unsupported();
        let root = built.roots[0];
        if (tree.kind[root] === EMPTY) root = emptyRoot(tree, slice, 0);
        result = { tree, locator: new Locator(tree, new Ranges(slice, tree)), root, base };
      }
    } catch {
      result = null;
    }
    positions[index2] = result;
    return result;
  };
  const endLines = [];
  const endLineOf = (index2) => {
    for (let i = endLines.length; i <= index2; i++) {
      const segment = segments[i];
      endLines.push(lines.line(Math.max(Math.max(segment.marker, 0), segment.end - 1) + bom));
    }
    return endLines[index2];
  };
  const documents = [];
  for (let index2 = 0; index2 < segments.length; index2++) {
    documents.push({
      index: index2,
      value: values[index2],
      get startLine() {
        return index2 === 0 ? 1 : endLineOf(index2 - 1) + 1;
      },
      get endLine() {
        return endLineOf(index2);
      },
      get contentLine() {
        const p = positionsOf(index2);
        if (!p) return exactDocument(index2)?.contentLine ?? endLineOf(index2);
        return lines.line(p.tree.startOf(p.root) + p.base + bom);
      },
      locate(path9, target) {
        const p = positionsOf(index2);
        if (p) {
          try {
            const { start, end, exact: exact2 } = p.locator.locate(p.root, path9, target ?? "value");
            return { ...rangeOf(start + p.base, end + p.base), exact: exact2 };
          } catch (error) {
            if (!(error instanceof Uncertain)) throw error;
          }
        }
        const located = exactDocument(index2)?.locate(path9, target);
        if (located) return located;
        const line = p ? p.tree.startOf(p.root) + p.base : 0;
        return { ...rangeOf(line, line), exact: false };
      }
    });
  }
  const lastContent = Math.max(0, fullText.trimEnd().length - 1);
  const problems = (builder?.duplicates ?? []).sort((a, b) => a.offset - b.offset).map(({ offset, document }) => {
    const start = Math.min(offset + bom, lastContent);
    const end = Math.min(start + 1, lastContent + 1);
    const range = { line: lines.line(start), column: lines.column(start), endLine: lines.line(end), endColumn: lines.column(end) };
    return { ...range, message: "Map keys must be unique", code: "DUPLICATE_KEY", documentIndex: document };
  });
  return { documents, problems };
}

// src/load/parse.ts
var yamlModule;
function yaml2() {
  return yamlModule ??= lazyRequire("yaml");
}
var SOFT_ERRORS = /* @__PURE__ */ new Set(["DUPLICATE_KEY"]);
var DEFAULT_MAX_ALIAS_COUNT = 100;
function parseYaml(text, options = {}) {
  const budget = options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  if (budget >= 2) {
    const fast = parseYamlFast(text, (documentText) => parseYamlExact(documentText, options), "auto", budget);
    if (fast) return fast;
  }
  return parseYamlExact(text, options);
}
function kubernetesTags(tags) {
  return [kubernetesNumberTag, ...tags];
}
function parseYamlExact(text, options = {}) {
  const { LineCounter, parseAllDocuments } = yaml2();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    version: "1.1",
    customTags: kubernetesTags,
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    // The library warns on stderr (collection keys stringified); a linter's output is its report.
    logLevel: "error"
  });
  const list2 = Array.isArray(docs) ? docs : [docs];
  const pos = (offset) => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line, col: p.col };
  };
  const rangeOf = (start, end) => {
    const a = pos(start);
    const b = pos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const lastContent = Math.max(0, text.trimEnd().length - 1);
  const documents = [];
  const problems = [];
  let previousEnd = 1;
  list2.forEach((doc, index2) => {
    const [docStart, , docEnd] = doc.range;
    const contentStart = doc.contents?.range[0] ?? docStart;
    const contentLine = pos(contentStart).line;
    const endLine = Math.max(contentLine, pos(Math.max(docStart, docEnd - 1)).line);
    const startLine = Math.min(previousEnd, contentLine);
    previousEnd = endLine + 1;
    let hard = false;
    const seen = /* @__PURE__ */ new Set();
    for (const error of doc.errors) {
      if (!SOFT_ERRORS.has(error.code)) hard = true;
      const start = Math.min(error.pos[0], lastContent);
      if (seen.has(start)) continue;
      seen.add(start);
      problems.push({
        ...rangeOf(start, Math.min(Math.max(error.pos[1], start), lastContent + 1)),
        message: cleanMessage(error.message),
        code: error.code,
        documentIndex: index2
      });
    }
    if (hard) return;
    let value;
    try {
      value = datesAsText(doc.toJS({ maxAliasCount: options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push({ ...rangeOf(contentStart, contentStart + 1), message: cleanMessage(message), code: "RESOLVE", documentIndex: index2 });
      return;
    }
    documents.push({
      index: index2,
      value,
      startLine,
      endLine,
      contentLine,
      locate: (path9, target) => locateIn(doc, path9, target ?? "value", rangeOf)
    });
  });
  return { documents, problems };
}
function cleanMessage(message) {
  const first = message.split("\n")[0] ?? message;
  return first.replace(/\s+at line \d+, column \d+:?$/, "").trim();
}
function locateIn(doc, path9, target, rangeOf) {
  const { isScalar } = yaml2();
  const root = doc.contents;
  if (!root) return { ...rangeOf(doc.range?.[0] ?? 0, doc.range?.[0] ?? 0), exact: false };
  let current = { node: root };
  let exact = true;
  for (const segment of path9) {
    const next = childOf(doc, current.node, segment);
    if (!next) {
      exact = false;
      break;
    }
    current = next;
  }
  const { node, key: key3 } = current;
  const useKey = key3 !== void 0 && (target === "key" || !exact || !isScalar(node));
  const chosen = useKey ? key3 : node;
  const [start, valueEnd] = chosen.range ?? [0, 0];
  return { ...rangeOf(start, valueEnd), exact };
}
function resolveAlias(doc, node) {
  const { isAlias } = yaml2();
  let current = node;
  for (let depth = 0; depth < 100 && isAlias(current); depth++) current = current.resolve(doc);
  return current;
}
function childOf(doc, parent, segment) {
  const { isMap, isSeq } = yaml2();
  const node = resolveAlias(doc, parent);
  if (isSeq(node)) {
    if (typeof segment !== "number") return void 0;
    const item = node.items[segment];
    return item && typeof item === "object" && "range" in item ? { node: item } : void 0;
  }
  if (!isMap(node)) return void 0;
  const own = findPair(node.items, segment);
  if (own) return own;
  for (const pair of node.items) {
    if (!isMergeKey(pair.key)) continue;
    const sources = resolveAlias(doc, pair.value);
    const maps = isSeq(sources) ? sources.items.map((item) => resolveAlias(doc, item)) : [sources];
    for (const source of maps) {
      if (!isMap(source)) continue;
      const inherited = findPair(source.items, segment);
      if (inherited) return { node: pair.value, key: pair.key };
    }
  }
  return void 0;
}
function isMergeKey(key3) {
  const { isScalar } = yaml2();
  if (!isScalar(key3)) return false;
  const value = key3.value;
  return typeof value === "symbol" && value.description === "<<";
}
function findPair(items, segment) {
  const { isPair, isScalar } = yaml2();
  const wanted = String(segment);
  for (let i = items.length - 1; i >= 0; i--) {
    const pair = items[i];
    if (!isPair(pair)) continue;
    const key3 = pair.key;
    const keyValue = isScalar(key3) ? key3.value : key3;
    if (typeof keyValue !== "string" && typeof keyValue !== "number" && typeof keyValue !== "boolean" && typeof keyValue !== "bigint")
      continue;
    if (String(keyValue) !== wanted) continue;
    const keyNode = key3;
    const value = pair.value;
    return { node: value && value.range ? value : keyNode, key: keyNode };
  }
  return void 0;
}
function datesAsText(value, seen = /* @__PURE__ */ new WeakSet()) {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().replace(".000Z", "Z");
  if (typeof value !== "object" || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = datesAsText(value[i], seen);
  } else {
    const record = value;
    for (const key3 of Object.keys(record)) {
      const before = record[key3];
      const after = datesAsText(before, seen);
      if (after !== before) Object.defineProperty(record, key3, { value: after, enumerable: true, writable: true, configurable: true });
    }
  }
  return value;
}

// src/engine/suppress.ts
var IGNORE_ANNOTATION = "kube-lint.io/ignore";
var NEXT_LINE = /^\s*#\s*kube-lint-disable-next-line(?=\s|$)(.*)$/;
var DOCUMENT = /^\s*#\s*kube-lint-disable(?=\s|$)(.*)$/;
var SAME_LINE = /\s#\s*kube-lint-disable-line(?=\s|$)(.*)$/;
function ruleList(rest) {
  const withoutReason = rest.split(/\s--\s|\s--$/)[0] ?? "";
  const names = withoutReason.split(/[\s,]+/).map((s) => s.trim()).filter((s) => s !== "");
  return names.length === 0 || names.includes("all") ? "all" : names;
}
function readDirectives(text) {
  if (!text.includes("kube-lint-disable")) return [];
  const lines = text.split("\n").map((line) => line.endsWith("\r") ? line.slice(0, -1) : line);
  const directives = [];
  lines.forEach((content, i) => {
    if (!content.includes("kube-lint-disable")) return;
    const line = i + 1;
    const column = content.indexOf("#") + 1;
    let m = NEXT_LINE.exec(content);
    if (m) {
      let target = i + 1;
      while (target < lines.length && /^\s*(#.*)?$/.test(lines[target] ?? "")) target++;
      directives.push({ kind: "next-line", line, column, targetLine: target + 1, rules: ruleList(m[1] ?? ""), used: /* @__PURE__ */ new Set() });
      return;
    }
    m = DOCUMENT.exec(content);
    if (m) {
      directives.push({ kind: "document", line, column, targetLine: line, rules: ruleList(m[1] ?? ""), used: /* @__PURE__ */ new Set() });
      return;
    }
    m = SAME_LINE.exec(content);
    if (m) {
      directives.push({
        kind: "line",
        line,
        column: content.length - m[0].length + 2,
        targetLine: line,
        rules: ruleList(m[1] ?? ""),
        used: /* @__PURE__ */ new Set()
      });
    }
  });
  return directives;
}
function covers(rules2, ruleId) {
  return rules2 === "all" || rules2.includes(ruleId);
}
function suppressedByComment(directives, documents, ruleId, line) {
  let suppressed = false;
  for (const directive of directives) {
    if (!covers(directive.rules, ruleId)) continue;
    let hit;
    if (directive.kind === "document") {
      const doc = documents.find((d) => directive.line >= d.startLine && directive.line <= d.endLine);
      hit = doc !== void 0 && line >= doc.startLine && line <= doc.endLine;
    } else {
      hit = directive.targetLine === line;
    }
    if (hit) {
      directive.used.add(directive.rules === "all" ? "*" : ruleId);
      suppressed = true;
    }
  }
  return suppressed;
}
function annotationIgnore(value) {
  const metadata = value.metadata;
  if (typeof metadata !== "object" || metadata === null) return void 0;
  const annotations2 = metadata.annotations;
  if (typeof annotations2 !== "object" || annotations2 === null) return void 0;
  const raw = annotations2[IGNORE_ANNOTATION];
  if (typeof raw !== "string") return void 0;
  return { rules: ruleList(raw), path: ["metadata", "annotations", IGNORE_ANNOTATION], used: /* @__PURE__ */ new Set() };
}
function suppressedByAnnotation(ignore, ruleId) {
  if (!ignore || !covers(ignore.rules, ruleId)) return false;
  ignore.used.add(ignore.rules === "all" ? "*" : ruleId);
  return true;
}
function unusedRules(rules2, used) {
  if (rules2 === "all") return used.size === 0 ? ["all"] : [];
  return rules2.filter((r) => !used.has(r));
}

// src/engine/linter.ts
var INTERNAL_ERROR_RULE = "internal-error";
var YAML_SYNTAX_RULE = "yaml-syntax";
var INCOMPLETE_OBJECT_RULE = "incomplete-object";
var UNUSED_DISABLE_RULE = "unused-disable";
var VALUE_PROBLEMS = {
  cycle: () => "an alias refers to a node that contains it (a cycle), which Kubernetes refuses: the document is not linted",
  depth: (limits) => `nesting deeper than ${limits.maxDepth} levels through aliases: the document is not linted`,
  size: (limits) => `aliases expand the document past ${limits.maxNodes} nodes (a YAML bomb?): the document is not linted`
};
function mayHoldAlias(text) {
  return /(?:^|[\s[{,:])\*[^\s,\]}]/.test(text);
}
function locateSafely(document, path9, target) {
  try {
    return document.locate(path9, target);
  } catch {
    return { line: document.contentLine, column: 1, endLine: document.contentLine, endColumn: 1 };
  }
}
function compareFindings(a, b) {
  return a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message);
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function resultsOf(files, notices, suppressed, config, internalError) {
  const sum = (pick) => files.reduce((n, r) => n + pick(r), 0);
  return {
    files,
    notices,
    summary: {
      files: files.length,
      filesLinted: files.filter((r) => r.status === "linted").length,
      filesSkipped: files.filter((r) => r.status === "skipped").length,
      filesFailed: files.filter((r) => r.status === "failed").length,
      objects: sum((r) => r.objectCount),
      skippedDocuments: sum((r) => r.skippedDocuments),
      unparsedDocuments: sum((r) => r.unparsedDocuments ?? 0),
      errors: sum((r) => r.errorCount),
      warnings: sum((r) => r.warningCount),
      infos: sum((r) => r.infoCount),
      suppressed
    },
    rules: config.rules.map((r) => ({ id: r.rule.id, severity: r.severity })),
    kubernetesVersion: config.kubernetesVersion,
    internalError
  };
}
function mergeResults(parts, notices, config) {
  const files = parts.flatMap((p) => p.files).sort((a, b) => cmp(a.filePath, b.filePath));
  const suppressed = parts.reduce((n, p) => n + p.summary.suppressed, 0);
  return resultsOf(
    files,
    notices,
    suppressed,
    config,
    parts.some((p) => p.internalError)
  );
}
var RUN_FILE = "<run>";
function runCrossResourceRules(rules2, objects, env, sink) {
  for (const { rule, options } of rules2) {
    if (!isRunRule(rule)) continue;
    let reports;
    try {
      reports = rule.checkRun({ objects, options, env });
    } catch (error) {
      sink.crash(rule.id, error);
      continue;
    }
    for (const report of reports) sink.report(rule.id, report);
  }
}
var Linter = class {
  /**
   * `defer`: add sources without running the single-object rules yet; `runDeferredRules()` runs
   * them. A worker thread does this to learn which kinds its files hold (and so which CRD schemas
   * it needs) before validating anything.
   */
  constructor(config, extras = {}) {
    this.config = config;
    if (extras.defer) this.deferred = [];
    this.ruleById = new Map(config.rules.map((r) => [r.rule.id, r]));
    this.env = {
      kubernetesVersion: config.kubernetesVersion,
      strict: config.strict,
      ...extras.schemas ? { schemas: extras.schemas } : {}
    };
    this.limits = resolveLimits(extras.limits ?? {});
  }
  config;
  files = /* @__PURE__ */ new Map();
  objects = [];
  notices = [];
  ruleById;
  env;
  internalError = false;
  /** Findings that stop a document from being linted: always errors, never suppressed. */
  fatal = /* @__PURE__ */ new WeakSet();
  limits;
  /** Objects whose single-object rules wait for `runDeferredRules()` (see the `defer` option). */
  deferred;
  notice(notice) {
    this.notices.push(notice);
  }
  /** Records a file that could not be linted. A failed file makes the run's exit code 2. */
  addUnreadable(filePath, status, reason, options = {}) {
    this.stateOf(filePath).result.status = status;
    this.stateOf(filePath).result.reason = reason;
    if (options.notice !== false) this.notices.push({ level: status === "failed" ? "error" : "warning", message: reason, filePath });
  }
  /**
   * Parses a source (unless given its parse) and runs the single-object rules on it. Input the
   * parser must not see (over a limit, merge-conflict markers, nesting too deep) is refused first;
   * a document that cannot be parsed is reported as a fatal `yaml-syntax` error and counted as not
   * parsed, never as clean.
   */
  addSource(filePath, source, preParsed) {
    const state = this.stateOf(filePath);
    const unmarked = source.charCodeAt(0) === 65279 ? source.slice(1) : source;
    const text = unmarked.includes("\r") ? unmarked.replace(/\r(?!\n)/g, "\n") : unmarked;
    const limits = this.limits;
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > limits.maxFileBytes) {
      this.addUnreadable(filePath, "failed", tooLargeReason(bytes, limits.maxFileBytes));
      return;
    }
    const scan = scanYaml(text, limits);
    const refusals = [
      [scan.tooManyDocuments, `more than ${limits.maxDocuments} YAML documents (the next one starts at line`],
      [scan.tooManyAliases, `more than ${limits.maxAliases} YAML aliases (the limit is reached at line`],
      [scan.tooManyNodes, `more than ${limits.maxNodes} YAML nodes (the limit is reached at line`]
    ];
    for (const [hit, what2] of refusals) {
      if (!hit) continue;
      this.addUnreadable(filePath, "failed", `${what2} ${hit.line}): split the file`);
      return;
    }
    if (scan.conflicts.length > 0 || scan.tooDeep) {
      for (const { line, column, marker } of scan.conflicts) {
        this.pushFatal(
          state,
          { line, column, endLine: line, endColumn: column + marker.length },
          `unresolved merge conflict marker "${marker}": resolve the conflict; the file is not linted until then`
        );
      }
      if (scan.tooDeep) {
        const { line, column } = scan.tooDeep;
        this.pushFatal(
          state,
          { line, column, endLine: line, endColumn: column + 1 },
          `nesting deeper than ${limits.maxDepth} levels: the file is not parsed`
        );
      }
      state.result.unparsedDocuments = (state.result.unparsedDocuments ?? 0) + estimatedDocuments(scan);
      return;
    }
    state.directives = readDirectives(text);
    let parsed;
    try {
      parsed = preParsed ?? parseYaml(text, { maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      this.crash(state, `the YAML parser failed: ${error.message}`);
      return;
    }
    const kept = new Set(parsed.documents.map((d) => d.index));
    const unparsed = /* @__PURE__ */ new Set();
    for (const problem of parsed.problems) {
      const { message, code, documentIndex, ...range } = problem;
      const label = code === "DUPLICATE_KEY" ? "duplicate key" : "YAML syntax error";
      const finding = { ...range, message: `${label}: ${message}`, filePath, path: "", pathSegments: [], documentIndex };
      if (kept.has(documentIndex)) {
        this.push(state, YAML_SYNTAX_RULE, finding);
      } else {
        unparsed.add(documentIndex);
        this.pushFatal(state, range, finding.message, documentIndex);
      }
    }
    const budget = { nodes: 2 * limits.maxNodes, walk: mayHoldAlias(text) };
    for (const document of parsed.documents) {
      try {
        this.addDocument(state, document, unparsed, budget);
      } catch (error) {
        this.crash(state, `reading document ${document.index + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    state.result.unparsedDocuments = (state.result.unparsedDocuments ?? 0) + unparsed.size;
  }
  addDocument(state, document, unparsed, budget) {
    state.spans.push(document);
    const limits = { maxDepth: this.limits.maxDepth, maxNodes: Math.min(this.limits.maxNodes, budget.nodes) };
    const { problem, nodes } = budget.walk ? measureValue(document.value, limits) : { problem: void 0, nodes: 0 };
    budget.nodes = Math.max(0, budget.nodes - nodes);
    if (problem) {
      unparsed.add(document.index);
      const range = locateSafely(document, problem.kind === "size" ? [] : problem.path, "key");
      this.pushFatal(state, range, VALUE_PROBLEMS[problem.kind](limits), document.index);
      return;
    }
    const { objects, skipped, incomplete } = objectsOfDocument(document, state.result.filePath);
    if (skipped) {
      state.result.skippedDocuments++;
      return;
    }
    for (const problem2 of incomplete) this.report(state, INCOMPLETE_OBJECT_RULE, document, [], problem2, void 0);
    for (const object of objects) {
      state.result.objectCount++;
      this.objects.push(object);
      const ignore = annotationIgnore(object.value);
      if (ignore) state.ignores.set(object, ignore);
      if (this.deferred) this.deferred.push([state, object]);
      else this.runObjectRules(state, object);
    }
  }
  /** A `yaml-syntax` error that kept (part of) the file from being linted: reported whatever the config says. */
  pushFatal(state, range, message, documentIndex) {
    const resolved = this.ruleById.get(YAML_SYNTAX_RULE);
    const finding = {
      ruleId: YAML_SYNTAX_RULE,
      severity: "error",
      line: range.line,
      column: range.column,
      endLine: range.endLine,
      endColumn: range.endColumn,
      message,
      filePath: state.result.filePath,
      path: "",
      pathSegments: [],
      ...documentIndex !== void 0 ? { documentIndex } : {}
    };
    if (resolved) {
      finding.remediation = resolved.rule.meta.remediation;
      finding.docsUrl = resolved.rule.docsUrl;
    }
    this.fatal.add(finding);
    state.raw.push(finding);
  }
  /** Runs the single-object rules held back by the `defer` option, in the order objects were added. */
  runDeferredRules() {
    const deferred = this.deferred?.splice(0) ?? [];
    for (const [state, object] of deferred) this.runObjectRules(state, object);
  }
  runObjectRules(state, object) {
    for (const resolved of this.config.rules) {
      const { rule, options } = resolved;
      if (!isObjectRule(rule)) continue;
      let reports;
      try {
        reports = rule.check({ object, options, env: this.env });
      } catch (error) {
        this.ruleCrash(state, rule.id, object, error);
        continue;
      }
      for (const report of reports) this.report(state, rule.id, object.document, object.basePath, report, object);
    }
  }
  ruleCrash(state, ruleId, object, error) {
    const what2 = object ? ` on ${describeObject(object)}` : "";
    const detail = error instanceof Error ? error.message : String(error);
    this.internalError = true;
    const range = object ? locateSafely(object.document, object.basePath) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    this.push(state, INTERNAL_ERROR_RULE, {
      line: range.line,
      column: range.column,
      endLine: range.endLine,
      endColumn: range.endColumn,
      message: `rule "${ruleId}" crashed${what2}: ${detail}. This is a kube-lint bug: please report it`,
      filePath: state.result.filePath,
      path: formatPath(object?.basePath ?? []),
      pathSegments: [...object?.basePath ?? []],
      ...object ? { object: refOf(object), documentIndex: object.document.index } : {}
    });
  }
  crash(state, message) {
    this.internalError = true;
    state.result.status = "failed";
    state.result.reason = message;
    this.push(state, INTERNAL_ERROR_RULE, {
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      message: `${message}. This is a kube-lint bug: please report it`,
      filePath: state.result.filePath,
      path: "",
      pathSegments: []
    });
  }
  report(state, ruleId, document, basePath, report, object) {
    const full = [...basePath, ...report.path];
    const range = locateSafely(document, full, report.target);
    this.push(
      state,
      ruleId,
      {
        line: range.line,
        column: range.column,
        endLine: range.endLine,
        endColumn: range.endColumn,
        message: report.message,
        filePath: state.result.filePath,
        path: formatPath(full),
        pathSegments: full,
        documentIndex: document.index,
        ...object ? { object: refOf(object) } : {}
      },
      object,
      report.severity
    );
  }
  push(state, ruleId, finding, object, own) {
    const resolved = this.ruleById.get(ruleId);
    if (ruleId !== INTERNAL_ERROR_RULE && !resolved) return;
    const severity = own !== void 0 && resolved && !resolved.explicit ? own : resolved?.severity ?? "error";
    const full = { ruleId, severity, ...finding };
    if (resolved) {
      full.remediation = resolved.rule.meta.remediation;
      full.docsUrl = resolved.rule.docsUrl;
    }
    state.raw.push(full);
    if (object) this.findingObjects.set(full, object);
  }
  findingObjects = /* @__PURE__ */ new WeakMap();
  stateOf(filePath) {
    let state = this.files.get(filePath);
    if (!state) {
      state = {
        result: {
          filePath,
          status: "linted",
          findings: [],
          objectCount: 0,
          skippedDocuments: 0,
          unparsedDocuments: 0,
          errorCount: 0,
          warningCount: 0,
          infoCount: 0
        },
        directives: [],
        spans: [],
        raw: [],
        ignores: /* @__PURE__ */ new Map()
      };
      this.files.set(filePath, state);
    }
    return state;
  }
  /** The objects added so far, in the order they were added: what cross-resource rules see. */
  get lintObjects() {
    return this.objects;
  }
  /** The environment rules run in (version, strictness, schemas). */
  get environment() {
    return this.env;
  }
  /** A cross-resource rule's report on one of this linter's objects (see runCrossResourceRules). */
  addRunReport(ruleId, report) {
    const object = report.object;
    this.report(this.stateOf(object.filePath), ruleId, object.document, object.basePath, report, object);
  }
  /** A cross-resource rule that crashed: an internal error on `filePath` (the run's first file). */
  addRunCrash(ruleId, filePath, error) {
    this.ruleCrash(this.stateOf(filePath), ruleId, void 0, error);
  }
  /** Runs cross-resource rules, applies suppressions, sorts and counts. */
  finish() {
    runCrossResourceRules(this.config.rules, this.objects, this.env, {
      report: (ruleId, report) => {
        this.addRunReport(ruleId, report);
      },
      crash: (ruleId, error) => {
        this.addRunCrash(ruleId, this.objects[0]?.filePath ?? RUN_FILE, error);
      }
    });
    return this.finalize();
  }
  /** Applies suppressions, sorts and counts: the end of `finish()`, once every report is in. */
  finalize() {
    let suppressed = 0;
    const files = [...this.files.values()].sort((a, b) => cmp(a.result.filePath, b.result.filePath));
    for (const state of files) {
      const kept = [];
      for (const finding of state.raw) {
        if (finding.ruleId === INTERNAL_ERROR_RULE || this.fatal.has(finding)) {
          kept.push(finding);
          continue;
        }
        const object = this.findingObjects.get(finding);
        const byAnnotation = object ? suppressedByAnnotation(state.ignores.get(object), finding.ruleId) : false;
        const byComment = suppressedByComment(state.directives, state.spans, finding.ruleId, finding.line);
        if (byAnnotation || byComment) suppressed++;
        else kept.push(finding);
      }
      if (this.ruleById.has(UNUSED_DISABLE_RULE)) {
        kept.push(...this.unusedDisables(state));
      }
      kept.sort(compareFindings);
      state.result.findings = kept;
      for (const f of kept) {
        if (f.severity === "error") state.result.errorCount++;
        else if (f.severity === "warning") state.result.warningCount++;
        else state.result.infoCount++;
      }
    }
    return resultsOf(
      files.map((s) => s.result),
      this.notices,
      suppressed,
      this.config,
      this.internalError
    );
  }
  unusedDisables(state) {
    const resolved = this.ruleById.get(UNUSED_DISABLE_RULE);
    if (!resolved) return [];
    const out = [];
    const base = {
      ruleId: UNUSED_DISABLE_RULE,
      severity: resolved.severity,
      filePath: state.result.filePath,
      remediation: resolved.rule.meta.remediation,
      docsUrl: resolved.rule.docsUrl
    };
    for (const directive of state.directives) {
      const unused = unusedRules(directive.rules, directive.used);
      if (unused.length === 0) continue;
      const what2 = unused[0] === "all" ? "any rule" : unused.map((r) => `"${r}"`).join(", ");
      out.push({
        ...base,
        line: directive.line,
        column: directive.column,
        endLine: directive.line,
        endColumn: directive.column,
        message: `kube-lint-disable${directive.kind === "document" ? "" : `-${directive.kind}`} for ${what2} suppresses nothing: remove it`,
        path: "",
        pathSegments: []
      });
    }
    for (const [object, ignore] of state.ignores) {
      const unused = unusedRules(ignore.rules, ignore.used);
      if (unused.length === 0) continue;
      const full = [...object.basePath, ...ignore.path];
      const range = locateSafely(object.document, full);
      const what2 = unused[0] === "all" ? "any rule" : unused.map((r) => `"${r}"`).join(", ");
      out.push({
        ...base,
        line: range.line,
        column: range.column,
        endLine: range.endLine,
        endColumn: range.endColumn,
        message: `annotation kube-lint.io/ignore on ${describeObject(object)} for ${what2} suppresses nothing: remove it`,
        path: formatPath(full),
        pathSegments: full,
        object: refOf(object),
        documentIndex: object.document.index
      });
    }
    return out;
  }
};

// src/lint.ts
import path8 from "node:path";

// src/parallel/pool.ts
import { statSync as statSync3 } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
var MAX_JOBS = 8;
var MIN_PROCESSORS = 4;
var PARALLEL_MIN_BYTES = 4 * 1024 * 1024;
var PARALLEL_MIN_FILES = 16;
function jobsFor(options, files) {
  if (options.readHeap || options.validatorCache || options.ruleSet && !options.ruleSet.every((r) => rules.includes(r))) return 1;
  if (options.jobs !== void 0) return Math.max(1, Math.min(Math.floor(options.jobs), files.length));
  const processors = availableParallelism();
  const jobs = Math.min(processors, MAX_JOBS, Math.floor(files.length / 2));
  if (processors < MIN_PROCESSORS || jobs < 2 || files.length < PARALLEL_MIN_FILES) return 1;
  let bytes = 0;
  for (const file2 of files) {
    bytes += sizeOf(file2);
    if (bytes >= PARALLEL_MIN_BYTES) return jobs;
  }
  return 1;
}
function workerOptionsOf(options) {
  const data = { ...options };
  delete data.stdin;
  delete data.readHeap;
  delete data.ruleSet;
  delete data.validatorCache;
  delete data.shard;
  delete data.jobs;
  delete data.ignore;
  return options.ruleSet ? { ...data, ruleIds: options.ruleSet.map((r) => r.id) } : data;
}
function sizeOf(file2) {
  if (file2.size !== void 0) return file2.size;
  try {
    return statSync3(file2.absolutePath).size;
  } catch {
    return 0;
  }
}
function splitFiles(files, sizes, parts) {
  const total = sizes.reduce((a, b) => a + b, 0);
  const out = [];
  let start = 0;
  let acc = 0;
  for (let part = 1; part < parts; part++) {
    const goal = total * part / parts;
    let end = start + 1;
    acc += sizes[start] ?? 0;
    while (end < files.length - (parts - part) && acc + (sizes[end] ?? 0) / 2 <= goal) acc += sizes[end++] ?? 0;
    out.push(files.slice(start, end));
    start = end;
  }
  out.push(files.slice(start));
  return out;
}
var Channel = class {
  constructor(worker) {
    this.worker = worker;
    worker.on("message", (message) => {
      if (message.type === "error") this.fail(new Error(message.message));
      else if (this.waiting) {
        const { resolve } = this.waiting;
        this.waiting = void 0;
        resolve(message);
      } else this.inbox.push(message);
    });
    worker.on("error", (error) => {
      this.fail(error);
    });
    worker.on("exit", (code) => {
      this.fail(new Error(`a worker thread stopped (exit code ${code})`));
    });
  }
  worker;
  inbox = [];
  waiting;
  failure;
  fail(error) {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = void 0;
    waiting?.reject(this.failure);
  }
  send(message) {
    this.worker.postMessage(message);
  }
  receive(type2) {
    const check = (message) => {
      if (message.type !== type2) throw new Error(`a worker thread sent "${message.type}" where "${type2}" was expected`);
      return message;
    };
    const next = this.inbox.shift();
    if (next) return Promise.resolve(check(next));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = {
        resolve: (message) => {
          try {
            resolve(check(message));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
        reject
      };
    });
  }
};
function startWorker(workerData) {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./worker.js", import.meta.url), { workerData, stdout: false });
  const source = JSON.stringify(new URL("./worker.ts", import.meta.url).href);
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); });`;
  return new Worker(boot, { eval: true, workerData, stdout: false });
}
function remoteDocument(index2, value) {
  const away = () => {
    throw new Error("positions are not available to cross-resource rules (the parse tree is in a worker thread)");
  };
  return {
    index: index2,
    value,
    get startLine() {
      return away();
    },
    get endLine() {
      return away();
    },
    get contentLine() {
      return away();
    },
    locate: away
  };
}
async function lintInWorkers(run) {
  const { linter, config, options, files, jobs } = run;
  const parts = splitFiles(files, files.map(sizeOf), jobs).filter((p) => p.length > 0);
  const channels = parts.map((part) => new Channel(startWorker({ options, files: part })));
  try {
    const found = await Promise.all(channels.map((c) => c.receive("crds")));
    const crds = found.flatMap((m, owner) => m.crds.map((crd, id) => ({ ...crd, owner, id })));
    const kinds2 = found.map((m) => new Set(m.kinds));
    const kindKey = (info) => `${info.group}
${info.kind}`;
    const wanted = channels.map(() => /* @__PURE__ */ new Set());
    for (const crd of crds) {
      kinds2.forEach((has, part) => {
        if (part !== crd.owner && has.has(kindKey(crd.info))) wanted[crd.owner]?.add(crd.id);
      });
    }
    const full = /* @__PURE__ */ new Map();
    await Promise.all(
      channels.map(async (channel, owner) => {
        const ids = [...wanted[owner] ?? []];
        if (ids.length === 0) return;
        channel.send({ type: "want", ids });
        const { infos } = await channel.receive("crd-schemas");
        ids.forEach((id, i) => full.set(`${owner}:${id}`, infos[i]));
      })
    );
    channels.forEach((channel, part) => {
      const list2 = crds.map(
        (crd) => crd.owner === part ? { local: crd.id } : { info: kinds2[part]?.has(kindKey(crd.info)) ? full.get(`${crd.owner}:${crd.id}`) ?? crd.info : crd.info, source: crd.source }
      );
      channel.send({ type: "register", crds: list2 });
    });
    const sent = await Promise.all(channels.map((c) => c.receive("objects")));
    const objects = [];
    const owners = /* @__PURE__ */ new Map();
    sent.forEach(({ objects: list2 }, part) => {
      list2.forEach(({ documentIndex, ...rest }, id) => {
        const object = { ...rest, document: remoteDocument(documentIndex, rest.value) };
        objects.push(object);
        owners.set(object, { part, id });
      });
    });
    const reports = channels.map(() => []);
    const crashes = channels.map(() => []);
    runCrossResourceRules(config.rules, objects, linter.environment, {
      report: (ruleId, { object, ...report }) => {
        const owner = owners.get(object);
        if (owner) reports[owner.part]?.push({ ruleId, object: owner.id, ...report });
      },
      crash: (ruleId, error) => {
        const first = objects[0];
        const owner = first ? owners.get(first) : void 0;
        if (first && owner) {
          crashes[owner.part]?.push({ ruleId, filePath: first.filePath, message: error instanceof Error ? error.message : String(error) });
        } else linter.addRunCrash(ruleId, RUN_FILE, error);
      }
    });
    channels.forEach((channel, part) => {
      channel.send({ type: "reports", reports: reports[part] ?? [], crashes: crashes[part] ?? [] });
    });
    const done = await Promise.all(channels.map((c) => c.receive("results")));
    const here = linter.finalize();
    const notices = [...here.notices, ...done.flatMap((d) => d.results.notices)];
    const seen = /* @__PURE__ */ new Set();
    for (const notice of done.flatMap((d) => d.schemaNotices)) {
      if (seen.has(notice.message)) continue;
      seen.add(notice.message);
      notices.push(notice);
    }
    return mergeResults([here, ...done.map((d) => d.results)], notices, config);
  } catch (error) {
    linter.notice({
      level: "warning",
      message: `linting on ${channels.length} threads failed (${error instanceof Error ? error.message : String(error)}); linted in one thread instead`
    });
    return void 0;
  } finally {
    await Promise.all(channels.map((c) => c.worker.terminate()));
  }
}

// src/load/files.ts
import { promises as fs2 } from "node:fs";
import path4 from "node:path";
var MANIFEST_EXTENSIONS = [".yaml", ".yml", ".json"];
var SKIPPED_FOLDERS = /* @__PURE__ */ new Set(["node_modules", ".git"]);
function displayPathOf(absolutePath, cwd) {
  const relative = path4.relative(cwd, absolutePath);
  const shown = relative === "" || relative.startsWith("..") || path4.isAbsolute(relative) ? absolutePath : relative;
  return shown.split(path4.sep).join("/");
}
var CONFIG_NAMES = /* @__PURE__ */ new Set([".kube-lint.yaml", ".kube-lint.yml", ".kube-lint.json"]);
function isManifestName(name) {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !CONFIG_NAMES.has(path4.basename(lower));
}
function errorText(error) {
  const code = error?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "ENOTDIR":
      return "not a directory";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
function isWithin(target, folder) {
  const relative = path4.relative(folder, target);
  return relative === "" || !relative.startsWith("..") && !path4.isAbsolute(relative);
}
async function collectFiles(inputs, options) {
  const { cwd } = options;
  const ignore = (options.ignore ?? []).filter(({ patterns }) => patterns.length > 0);
  const Minimatch = ignore.length > 0 ? (await import("./chunk-WIHROIAD.js")).Minimatch : void 0;
  const matchers = [];
  for (const { patterns, base } of ignore) {
    for (const pattern of patterns) {
      const trimmed = pattern.replace(/\/+$/, "");
      if (Minimatch) matchers.push({ base, matcher: new Minimatch(trimmed, { dot: true, matchBase: !trimmed.includes("/") }) });
    }
  }
  const isIgnored = (absolute) => matchers.some(({ base, matcher }) => {
    const relative = path4.relative(base, absolute).split(path4.sep).join("/");
    return !relative.startsWith("..") && matcher.match(relative);
  });
  const found = /* @__PURE__ */ new Map();
  const problems = [];
  const add = (absolute, real) => {
    if (isIgnored(absolute)) return;
    const entry = { absolutePath: absolute, displayPath: displayPathOf(absolute, cwd) };
    const known = found.get(real);
    if (!known || entry.displayPath < known.displayPath) found.set(real, entry);
  };
  const realCwd = await fs2.realpath(cwd).catch(() => cwd);
  const walked = /* @__PURE__ */ new Set();
  const walk = async (folder, real, ancestors, root) => {
    if (ancestors.includes(real)) {
      problems.push({ path: displayPathOf(folder, cwd), message: "symbolic link loop: folder already visited, skipped", kind: "loop" });
      return;
    }
    if (walked.has(real)) return;
    walked.add(real);
    let entries;
    try {
      entries = await fs2.readdir(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: displayPathOf(folder, cwd), message: `cannot read folder: ${errorText(error)}`, kind: "unreadable" });
      return;
    }
    if (entries.some((e) => e.name === "Chart.yaml" && (e.isFile() || e.isSymbolicLink()))) {
      problems.push({
        path: displayPathOf(folder, cwd),
        message: "Helm chart folder skipped: its templates are not plain YAML. Lint the rendered output: helm template <release> <chart> | kube-lint -",
        kind: "helm-chart"
      });
      return;
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const inside = [...ancestors, real];
    for (const entry of entries) {
      const child = path4.join(folder, entry.name);
      if (isIgnored(child)) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let childReal = path4.join(real, entry.name);
      if (entry.isSymbolicLink()) {
        if (SKIPPED_FOLDERS.has(entry.name)) continue;
        try {
          childReal = await fs2.realpath(child);
          const stat = await fs2.stat(childReal);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
        } catch (error) {
          if (isManifestName(entry.name)) {
            problems.push({ path: displayPathOf(child, cwd), message: `broken symbolic link: ${errorText(error)}`, kind: "unreadable" });
          }
          continue;
        }
        if (!(isDir || isFile && isManifestName(entry.name))) continue;
        if (!isWithin(childReal, root) && !isWithin(childReal, realCwd)) {
          problems.push({
            path: displayPathOf(child, cwd),
            message: `symbolic link to ${childReal}, outside ${path4.relative(realCwd, root) === "" ? "." : displayPathOf(root, cwd)}: not followed`,
            kind: "outside"
          });
          continue;
        }
      }
      if (isDir) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(child, childReal, inside, root);
      } else if (isFile && isManifestName(entry.name)) {
        add(child, childReal);
      }
    }
  };
  for (const input of [...inputs].sort()) {
    const absolute = path4.resolve(cwd, input);
    let stat;
    try {
      stat = await fs2.stat(absolute);
    } catch (error) {
      const code = error.code;
      const globber = code === "ENOENT" ? await import("./chunk-BPQO6ERQ.js") : void 0;
      if (globber?.hasMagic(input, { windowsPathsNoEscape: false })) {
        const matches2 = await globber.glob(input, {
          cwd,
          absolute: true,
          nodir: true,
          dot: false,
          ignore: ["**/node_modules/**", "**/.git/**"]
        });
        const manifests = matches2.filter(isManifestName).sort();
        if (manifests.length === 0) problems.push({ path: input, message: "pattern matched no YAML or JSON file", kind: "no-match" });
        for (const match of manifests) {
          const real2 = await fs2.realpath(match).catch(() => match);
          if (real2 !== match && !isWithin(real2, realCwd)) {
            problems.push({
              path: displayPathOf(match, cwd),
              message: `symbolic link to ${real2}, outside .: not followed`,
              kind: "outside"
            });
            continue;
          }
          add(match, real2);
        }
        continue;
      }
      problems.push({ path: input, message: errorText(error), kind: code === "ENOENT" ? "missing" : "unreadable" });
      continue;
    }
    let real;
    try {
      real = await fs2.realpath(absolute);
    } catch (error) {
      problems.push({ path: input, message: errorText(error), kind: "unreadable" });
      continue;
    }
    if (stat.isDirectory()) await walk(absolute, real, [], real);
    else add(absolute, real);
  }
  const files = [...found.values()].sort((a, b) => a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0);
  return { files, problems };
}

// src/schema/disk-cache.ts
var equalModule = __toESM(require_equal(), 1);
var ucs2lengthModule = __toESM(require_ucs2length(), 1);
var uriModule = __toESM(require_uri(), 1);
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync as readFileSync5, readdirSync, renameSync, statSync as statSync4, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path5 from "node:path";
import vm2 from "node:vm";
var CACHE_FORMAT = 1;
var MAX_ENTRIES = 4e3;
function defaultCacheDir(env = process.env) {
  const explicit = env.KUBE_LINT_CACHE_DIR;
  if (explicit !== void 0) return explicit === "" || explicit === "off" ? void 0 : path5.resolve(explicit);
  let base;
  if (process.platform === "win32") base = env.LOCALAPPDATA ?? path5.join(os.homedir(), "AppData", "Local");
  else if (process.platform === "darwin") base = path5.join(os.homedir(), "Library", "Caches");
  else base = env.XDG_CACHE_HOME || path5.join(os.homedir(), ".cache");
  return path5.join(base, "kube-lint");
}
function commonJs(namespace) {
  const fallback = namespace.default;
  return fallback !== void 0 && typeof fallback === "object" ? fallback : namespace;
}
var RUNTIME = {
  "ajv/dist/runtime/equal": commonJs(equalModule),
  "ajv/dist/runtime/ucs2length": commonJs(ucs2lengthModule),
  "ajv/dist/runtime/uri": commonJs(uriModule),
  [RUNTIME_KEYWORDS]: KEYWORD_VALIDATORS,
  [RUNTIME_FORMATS]: FORMATS
};
function runtimeRequire(id) {
  if (!Object.hasOwn(RUNTIME, id)) throw new Error(`cached validator requires "${id}"`);
  return RUNTIME[id];
}
var fingerprint;
function codeFingerprint() {
  if (fingerprint !== void 0) return fingerprint;
  const hash = createHash("sha256");
  hash.update(`format ${CACHE_FORMAT}
kube-lint ${VERSION}
`);
  hash.update(`ajv ${ajvVersion()}
`);
  const dir = import.meta.dirname;
  try {
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(js|ts|mjs)$/.test(name)) continue;
      const stat = statSync4(path5.join(dir, name));
      hash.update(`${name} ${stat.size} ${stat.mtimeMs}
`);
    }
  } catch {
    hash.update("unlisted\n");
  }
  fingerprint = hash.digest("hex");
  return fingerprint;
}
function writeAtomically(file2, data) {
  const temp = `${file2}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = openSync(temp, "wx", 384);
  try {
    if (typeof data === "string") writeSync(fd, data);
    else writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file2);
}
var DiskValidatorCache = class {
  constructor(dir) {
    this.dir = dir;
  }
  dir;
  pruned = false;
  /** Validators loaded without V8's compiled code: written by `flush()`. */
  unsaved = /* @__PURE__ */ new Map();
  /** Entries loaded and stored, for tests and the benchmark. */
  stats = { hits: 0, misses: 0, stores: 0, compiledCodeUsed: 0 };
  /** The entry name for a schema described by `parts` (compiled by an Ajv of `createAjv`'s options). */
  keyOf(...parts) {
    const hash = createHash("sha256");
    hash.update(codeFingerprint());
    for (const part of parts) hash.update(`
${part.length}
${part}`);
    return hash.digest("hex");
  }
  fileOf(key3) {
    return path5.join(this.dir, `${key3}.js`);
  }
  /** The cached validator, or undefined (not cached, or not loadable). */
  load(key3) {
    let code;
    try {
      code = readFileSync5(this.fileOf(key3), "utf8");
    } catch {
      this.stats.misses++;
      return void 0;
    }
    const header = `// kube-lint ${key3}
`;
    if (!code.startsWith(header)) {
      this.stats.misses++;
      return void 0;
    }
    try {
      let cachedData;
      try {
        cachedData = readFileSync5(`${this.fileOf(key3)}.v8`);
      } catch {
        cachedData = void 0;
      }
      const script = new vm2.Script(`(function (module, exports, require, self) {${code.slice(header.length)}
})`, {
        filename: `kube-lint-validator-${key3}.js`,
        ...cachedData ? { cachedData } : {}
      });
      const evaluate = script.runInThisContext();
      const module = { exports: {} };
      evaluate(module, module.exports, runtimeRequire, {});
      const validate = module.exports;
      if (typeof validate !== "function") throw new Error("not a function");
      if (!cachedData || script.cachedDataRejected === true) this.unsaved.set(key3, script);
      else this.stats.compiledCodeUsed++;
      this.stats.hits++;
      return validate;
    } catch {
      this.stats.misses++;
      return void 0;
    }
  }
  /**
   * Writes V8's compiled code of the validators loaded without it, once they have run: the next
   * run skips parsing and compiling their JavaScript as well (`<key>.js.v8`, checked by V8
   * against the source and its own version). Call at the end of a run. Never throws.
   */
  flush() {
    for (const [key3, script] of this.unsaved) {
      try {
        writeAtomically(`${this.fileOf(key3)}.v8`, script.createCachedData());
      } catch {
      }
    }
    this.unsaved.clear();
  }
  /** Writes `validate` (compiled by `ajv`) under `key`. Never throws. */
  store(key3, ajv2, validate) {
    try {
      const code = standaloneCodeOf(ajv2, validate);
      mkdirSync(this.dir, { recursive: true, mode: 448 });
      this.prune();
      writeAtomically(this.fileOf(key3), `// kube-lint ${key3}
${code}`);
      this.stats.stores++;
    } catch {
    }
  }
  /** Once per process: past MAX_ENTRIES entries, removes the least recently written half. */
  prune() {
    if (this.pruned) return;
    this.pruned = true;
    const names = readdirSync(this.dir).filter((n) => n.endsWith(".js") || n.endsWith(".v8") || n.endsWith(".tmp"));
    if (names.length <= MAX_ENTRIES) return;
    const aged = names.map((name) => {
      try {
        return { name, time: statSync4(path5.join(this.dir, name)).mtimeMs };
      } catch {
        return { name, time: 0 };
      }
    }).sort((a, b) => a.time - b.time);
    for (const { name } of aged.slice(0, names.length - MAX_ENTRIES / 2)) {
      try {
        unlinkSync(path5.join(this.dir, name));
      } catch {
      }
    }
  }
};
function standaloneCodeOf(ajv2, validate) {
  const { _ } = lazyRequire("ajv");
  const scope = ajv2.scope;
  for (const [name, fn] of Object.entries(KEYWORD_VALIDATORS)) {
    const scoped = scope.getValue("keyword", fn);
    if (scoped?.value && scoped.value.code === void 0) scoped.value.code = _`require(${RUNTIME_KEYWORDS})[${name}]`;
  }
  const standalone = lazyRequire("ajv/dist/standalone").default;
  return standalone(ajv2, validate);
}

// src/schema/sources.ts
import { readdirSync as readdirSync3, readFileSync as readFileSync6, statSync as statSync6 } from "node:fs";
import path7 from "node:path";

// src/schema/catalog.ts
import { readdirSync as readdirSync2, statSync as statSync5 } from "node:fs";
import path6 from "node:path";
function scanCatalog(dir) {
  const out = [];
  for (const group of readdirSync2(dir).sort()) {
    const groupDir = path6.join(dir, group);
    if (!statSync5(groupDir).isDirectory()) continue;
    for (const name of readdirSync2(groupDir).sort()) {
      const m = /^(.+)_([^_]+)\.json$/.exec(name);
      if (!m?.[1] || !m[2]) continue;
      out.push({ group, version: m[2], kind: m[1].toLowerCase(), file: path6.join(groupDir, name) });
    }
  }
  return out;
}

// src/schema/sources.ts
function fail2(origin, message) {
  throw origin === "cli" ? new UsageError(message) : new ConfigError(message);
}
function statOf(p, flag) {
  const absolute = path7.resolve(p.base, p.path);
  try {
    return { absolute, isDirectory: statSync6(absolute).isDirectory() };
  } catch {
    return fail2(p.origin, `${flag} ${p.path}: no such file or folder`);
  }
}
function manifestFiles(dir) {
  const out = [];
  for (const entry of readdirSync3(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
    const child = path7.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...manifestFiles(child));
    else if (MANIFEST_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) out.push(child);
  }
  return out;
}
function crdsOfParsed(parsed, filePath) {
  return parsed.documents.flatMap(
    (document) => objectsOfDocument(document, filePath).objects.map((o) => o.value).filter(isCrdObject)
  );
}
function mayHoldCrd(text) {
  return text.includes("CustomResourceDefinition");
}
function setUpSchemas(options) {
  const catalog = [];
  for (const dir of options.schemas) {
    const { absolute, isDirectory } = statOf(dir, dir.origin === "cli" ? "--schemas" : "schemas:");
    if (!isDirectory)
      fail2(
        dir.origin,
        `${dir.origin === "cli" ? "--schemas" : "schemas:"} ${dir.path}: not a folder (give a folder laid out as {group}/{kind}_{version}.json)`
      );
    catalog.push(...scanCatalog(absolute));
  }
  const registry = new SchemaRegistry({
    kubernetesVersion: options.kubernetesVersion,
    strict: options.strict,
    catalog,
    ...options.cache ? { cache: options.cache } : {},
    ...options.disk ? { disk: options.disk } : {}
  });
  const warnings = [];
  for (const crd of options.crds) {
    const flag = crd.origin === "cli" ? "--crd" : "crds:";
    const { absolute, isDirectory } = statOf(crd, flag);
    const files = isDirectory ? manifestFiles(absolute) : [absolute];
    let found = 0;
    for (const file2 of files) {
      let text;
      try {
        text = readFileSync6(file2, "utf8");
      } catch (error) {
        return fail2(crd.origin, `${flag} ${file2}: cannot read: ${error.message}`);
      }
      if (!mayHoldCrd(text)) continue;
      for (const value of crdsOfParsed(parseYaml(text), file2)) {
        if (registry.addCrd(value, file2)) found++;
      }
    }
    if (found === 0) warnings.push({ message: `${flag} ${crd.path}: no CustomResourceDefinition found`, filePath: crd.path });
  }
  return { registry, warnings };
}

// src/lint.ts
function pathHash(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
}
function inShard(displayPath, shard) {
  return pathHash(displayPath) % shard.count === shard.index - 1;
}
function parseShard(text) {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index2 = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index2 < 1 || index2 > count)
    throw new UsageError(`--shard takes i/n with 1 <= i <= n (for example 2/4), got "${text}"`);
  return { index: index2, count };
}
function prepareConfig(options = {}) {
  const cwd = path8.resolve(options.cwd ?? process.cwd());
  const loaded = options.config ? { config: checkConfig(structuredClone(options.config), "inline configuration"), baseDir: cwd } : loadConfig({ cwd, ...options.configFile ? { configFile: options.configFile } : {} });
  const config = { ...loaded.config };
  if (options.extends !== void 0) config.extends = options.extends;
  if (options.kubernetesVersion !== void 0) config.kubernetesVersion = options.kubernetesVersion;
  if (options.strict !== void 0) config.strict = options.strict;
  const rules2 = { ...config.rules };
  const unused = rules2["unused-disable"];
  if (options.reportUnusedDisables && (unused === void 0 || unused === "off" || Array.isArray(unused) && unused[0] === "off")) {
    rules2["unused-disable"] = "warning";
  }
  Object.assign(rules2, options.rules);
  if (options.ignoreMissingSchemas) rules2["unknown-kind"] = "off";
  config.rules = rules2;
  const resolved = resolveConfig(config, options.ruleSet ?? rules, loaded.baseDir);
  return { loaded, resolved };
}
function limitsOf(options) {
  return options.maxFileBytes !== void 0 ? { ...options.limits, maxFileBytes: options.maxFileBytes } : { ...options.limits };
}
function schemaSetup(resolved, options, cwd) {
  const fromConfig = (paths) => paths.map((p) => ({ path: p, base: resolved.baseDir, origin: "config" }));
  const fromCli = (paths) => (paths ?? []).map((p) => ({ path: p, base: cwd, origin: "cli" }));
  return setUpSchemas({
    kubernetesVersion: resolved.kubernetesVersion,
    strict: resolved.strict,
    crds: [...fromConfig(resolved.crds), ...fromCli(options.crds)],
    schemas: [...fromConfig(resolved.schemas), ...fromCli(options.schemas)],
    ...options.validatorCache ? { cache: options.validatorCache } : {},
    ...diskCacheOf(options, cwd)
  });
}
var diskCaches = /* @__PURE__ */ new Map();
function diskCacheOf(options, cwd) {
  const base = options.cacheDir === false ? void 0 : options.cacheDir !== void 0 ? path8.resolve(cwd, options.cacheDir) : defaultCacheDir();
  if (base === void 0) return {};
  const dir = path8.join(base, "validators");
  let disk = diskCaches.get(dir);
  if (!disk) {
    disk = new DiskValidatorCache(dir);
    diskCaches.set(dir, disk);
  }
  return { disk };
}
function inputCrds(sources) {
  const found = [];
  for (const source of sources) {
    if (!mayHoldCrd(source.text)) continue;
    try {
      source.parsed = parseYaml(source.text);
    } catch {
      continue;
    }
    for (const value of crdsOfParsed(source.parsed, source.name)) found.push({ value, source: source.name });
  }
  return found;
}
function brokenSchemaNotices(setup) {
  return [...setup.registry.brokenSchemas].map(([what2, message]) => ({
    level: "warning",
    message: `${what2.replace("\n", " ")} is not validated: its schema does not compile (${message})`
  }));
}
function addSources(linter, setup, sources) {
  for (const { value, source } of inputCrds(sources)) setup.registry.addCrd(value, source);
  for (const source of sources) linter.addSource(source.name, source.text, source.parsed);
  for (const notice of brokenSchemaNotices(setup)) linter.notice(notice);
}
function readSources(linter, files, options) {
  const { maxFileBytes, maxHeapFraction } = linter.limits;
  const sources = [];
  let done = 0;
  const heap = new HeapGuard(maxHeapFraction, options.readHeap);
  for (const [file2, outcome] of readManifests(files, { maxBytes: maxFileBytes })) {
    if (heap.check()) break;
    if (outcome.ok) sources.push({ name: file2.displayPath, text: outcome.text });
    else linter.addUnreadable(file2.displayPath, outcome.status, outcome.reason);
    done++;
  }
  if (done < files.length) {
    const reading = (options.readHeap ?? readHeap)();
    const mb = (n) => Math.round(n / 1024 / 1024);
    const reason = `not linted: kube-lint's memory was nearly full (${mb(reading.used)} of ${mb(reading.limit)} MiB) after the files before it; lint fewer files per run, or give Node more memory (NODE_OPTIONS=--max-old-space-size=<MiB>)`;
    linter.notice({ level: "error", message: `${files.length - done} files ${reason}` });
    for (let i = done; i < files.length; i++) linter.addUnreadable(files[i]?.displayPath ?? "", "failed", reason, { notice: false });
  }
  return sources;
}
async function lint(inputs, options = {}) {
  const cwd = path8.resolve(options.cwd ?? process.cwd());
  const { resolved } = prepareConfig(options);
  const setup = schemaSetup(resolved, options, cwd);
  const linter = new Linter(resolved, { schemas: setup.registry, limits: limitsOf(options) });
  for (const warning of setup.warnings) linter.notice({ level: "warning", ...warning });
  const { maxFileBytes } = linter.limits;
  const paths = inputs.filter((i) => i !== "-");
  const { files: found, problems } = await collectFiles(paths, {
    cwd,
    ignore: [
      { patterns: resolved.ignore, base: resolved.baseDir },
      { patterns: options.ignore ?? [], base: cwd }
    ]
  });
  const shard = options.shard;
  const files = shard ? found.filter((f) => inShard(f.displayPath, shard)) : found;
  for (const problem of problems) {
    if (problem.kind === "missing" || problem.kind === "no-match" || problem.kind === "unreadable") {
      linter.addUnreadable(problem.path, "failed", problem.message);
    } else {
      linter.notice({ level: problem.kind === "helm-chart" ? "info" : "warning", message: problem.message, filePath: problem.path });
    }
  }
  const sources = [];
  if (inputs.includes("-")) {
    const name = options.stdinFilename ?? "<stdin>";
    const stdin = options.stdin ?? "";
    const size = typeof stdin === "string" ? Buffer.byteLength(stdin, "utf8") : stdin.length;
    const outcome = size > maxFileBytes ? { ok: false, status: "failed", reason: tooLargeReason(void 0, maxFileBytes, "standard input") } : typeof stdin === "string" ? { ok: true, text: stdin } : decodeBuffer(stdin);
    if (outcome.ok) sources.push({ name, text: outcome.text });
    else linter.addUnreadable(name, outcome.status, outcome.reason);
  }
  if (sources.length === 0) {
    const jobs = jobsFor(options, files);
    if (jobs > 1) {
      const results2 = await lintInWorkers({ linter, config: resolved, options: { ...workerOptionsOf(options), cwd }, files, jobs });
      if (results2) return results2;
    }
  }
  sources.push(...readSources(linter, files, options));
  addSources(linter, setup, sources);
  const results = linter.finish();
  setup.registry.flushCaches();
  return results;
}

export {
  PRESETS,
  UsageError,
  ConfigError,
  KUBERNETES_VERSIONS,
  inPreset,
  isCrdObject,
  crdInfoOf,
  groupOf,
  rules,
  VERSION,
  TOOL_NAME,
  INFORMATION_URI,
  DEFAULT_MAX_FILE_BYTES,
  Linter,
  parseShard,
  prepareConfig,
  limitsOf,
  schemaSetup,
  inputCrds,
  brokenSchemaNotices,
  readSources,
  lint
};
