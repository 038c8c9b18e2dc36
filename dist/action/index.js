// kube-lint GitHub Action, bundled by scripts/build-action.ts from src/action.ts: do not edit.
// Licences of the bundled packages: licenses.txt beside this file.
import { createRequire as __kubeLintCreateRequire } from 'node:module';
const require = __kubeLintCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn2, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn2 && (res = (0, fn2[__getOwnPropNames(fn2)[0]])(fn2 = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key3 of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key3) && key3 !== except)
        __defProp(to, key3, { get: () => from[key3], enumerable: !(desc = __getOwnPropDesc(from, key3)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

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
      var j2 = 0;
      for (; j2 < vsize - 1; j2++) {
        var mv_1 = 0;
        var pv_1 = -1;
        var start_1 = j2 * 32;
        var vlen_1 = Math.min(32, m) + start_1;
        for (var k2 = start_1; k2 < vlen_1; k2++) {
          peq[b.charCodeAt(k2)] |= 1 << k2;
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
        for (var k2 = start_1; k2 < vlen_1; k2++) {
          peq[b.charCodeAt(k2)] = 0;
        }
      }
      var mv = 0;
      var pv = -1;
      var start = j2 * 32;
      var vlen = Math.min(32, m - start) + start;
      for (var k2 = start; k2 < vlen; k2++) {
        peq[b.charCodeAt(k2)] |= 1 << k2;
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
      for (var k2 = start; k2 < vlen; k2++) {
        peq[b.charCodeAt(k2)] = 0;
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

// node_modules/ajv/dist/compile/codegen/code.js
var require_code = __commonJS({
  "node_modules/ajv/dist/compile/codegen/code.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.regexpCode = exports.getEsmExportName = exports.getProperty = exports.safeStringify = exports.stringify = exports.strConcat = exports.addCodeArg = exports.str = exports._ = exports.nil = exports._Code = exports.Name = exports.IDENTIFIER = exports._CodeOrName = void 0;
    var _CodeOrName = class {
    };
    exports._CodeOrName = _CodeOrName;
    exports.IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;
    var Name = class extends _CodeOrName {
      constructor(s) {
        super();
        if (!exports.IDENTIFIER.test(s))
          throw new Error("CodeGen: name must be a valid identifier");
        this.str = s;
      }
      toString() {
        return this.str;
      }
      emptyStr() {
        return false;
      }
      get names() {
        return { [this.str]: 1 };
      }
    };
    exports.Name = Name;
    var _Code = class extends _CodeOrName {
      constructor(code) {
        super();
        this._items = typeof code === "string" ? [code] : code;
      }
      toString() {
        return this.str;
      }
      emptyStr() {
        if (this._items.length > 1)
          return false;
        const item = this._items[0];
        return item === "" || item === '""';
      }
      get str() {
        var _a2;
        return (_a2 = this._str) !== null && _a2 !== void 0 ? _a2 : this._str = this._items.reduce((s, c) => `${s}${c}`, "");
      }
      get names() {
        var _a2;
        return (_a2 = this._names) !== null && _a2 !== void 0 ? _a2 : this._names = this._items.reduce((names, c) => {
          if (c instanceof Name)
            names[c.str] = (names[c.str] || 0) + 1;
          return names;
        }, {});
      }
    };
    exports._Code = _Code;
    exports.nil = new _Code("");
    function _2(strs, ...args) {
      const code = [strs[0]];
      let i = 0;
      while (i < args.length) {
        addCodeArg(code, args[i]);
        code.push(strs[++i]);
      }
      return new _Code(code);
    }
    exports._ = _2;
    var plus = new _Code("+");
    function str3(strs, ...args) {
      const expr = [safeStringify(strs[0])];
      let i = 0;
      while (i < args.length) {
        expr.push(plus);
        addCodeArg(expr, args[i]);
        expr.push(plus, safeStringify(strs[++i]));
      }
      optimize(expr);
      return new _Code(expr);
    }
    exports.str = str3;
    function addCodeArg(code, arg) {
      if (arg instanceof _Code)
        code.push(...arg._items);
      else if (arg instanceof Name)
        code.push(arg);
      else
        code.push(interpolate(arg));
    }
    exports.addCodeArg = addCodeArg;
    function optimize(expr) {
      let i = 1;
      while (i < expr.length - 1) {
        if (expr[i] === plus) {
          const res = mergeExprItems(expr[i - 1], expr[i + 1]);
          if (res !== void 0) {
            expr.splice(i - 1, 3, res);
            continue;
          }
          expr[i++] = "+";
        }
        i++;
      }
    }
    function mergeExprItems(a, b) {
      if (b === '""')
        return a;
      if (a === '""')
        return b;
      if (typeof a == "string") {
        if (b instanceof Name || a[a.length - 1] !== '"')
          return;
        if (typeof b != "string")
          return `${a.slice(0, -1)}${b}"`;
        if (b[0] === '"')
          return a.slice(0, -1) + b.slice(1);
        return;
      }
      if (typeof b == "string" && b[0] === '"' && !(a instanceof Name))
        return `"${a}${b.slice(1)}`;
      return;
    }
    function strConcat(c1, c2) {
      return c2.emptyStr() ? c1 : c1.emptyStr() ? c2 : str3`${c1}${c2}`;
    }
    exports.strConcat = strConcat;
    function interpolate(x) {
      return typeof x == "number" || typeof x == "boolean" || x === null ? x : safeStringify(Array.isArray(x) ? x.join(",") : x);
    }
    function stringify(x) {
      return new _Code(safeStringify(x));
    }
    exports.stringify = stringify;
    function safeStringify(x) {
      return JSON.stringify(x).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
    }
    exports.safeStringify = safeStringify;
    function getProperty(key3) {
      return typeof key3 == "string" && exports.IDENTIFIER.test(key3) ? new _Code(`.${key3}`) : _2`[${key3}]`;
    }
    exports.getProperty = getProperty;
    function getEsmExportName(key3) {
      if (typeof key3 == "string" && exports.IDENTIFIER.test(key3)) {
        return new _Code(`${key3}`);
      }
      throw new Error(`CodeGen: invalid export name: ${key3}, use explicit $id name mapping`);
    }
    exports.getEsmExportName = getEsmExportName;
    function regexpCode(rx) {
      return new _Code(rx.toString());
    }
    exports.regexpCode = regexpCode;
  }
});

// node_modules/ajv/dist/compile/codegen/scope.js
var require_scope = __commonJS({
  "node_modules/ajv/dist/compile/codegen/scope.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ValueScope = exports.ValueScopeName = exports.Scope = exports.varKinds = exports.UsedValueState = void 0;
    var code_1 = require_code();
    var ValueError = class extends Error {
      constructor(name) {
        super(`CodeGen: "code" for ${name} not defined`);
        this.value = name.value;
      }
    };
    var UsedValueState;
    (function(UsedValueState2) {
      UsedValueState2[UsedValueState2["Started"] = 0] = "Started";
      UsedValueState2[UsedValueState2["Completed"] = 1] = "Completed";
    })(UsedValueState || (exports.UsedValueState = UsedValueState = {}));
    exports.varKinds = {
      const: new code_1.Name("const"),
      let: new code_1.Name("let"),
      var: new code_1.Name("var")
    };
    var Scope = class {
      constructor({ prefixes, parent } = {}) {
        this._names = {};
        this._prefixes = prefixes;
        this._parent = parent;
      }
      toName(nameOrPrefix) {
        return nameOrPrefix instanceof code_1.Name ? nameOrPrefix : this.name(nameOrPrefix);
      }
      name(prefix) {
        return new code_1.Name(this._newName(prefix));
      }
      _newName(prefix) {
        const ng = this._names[prefix] || this._nameGroup(prefix);
        return `${prefix}${ng.index++}`;
      }
      _nameGroup(prefix) {
        var _a2, _b;
        if (((_b = (_a2 = this._parent) === null || _a2 === void 0 ? void 0 : _a2._prefixes) === null || _b === void 0 ? void 0 : _b.has(prefix)) || this._prefixes && !this._prefixes.has(prefix)) {
          throw new Error(`CodeGen: prefix "${prefix}" is not allowed in this scope`);
        }
        return this._names[prefix] = { prefix, index: 0 };
      }
    };
    exports.Scope = Scope;
    var ValueScopeName = class extends code_1.Name {
      constructor(prefix, nameStr) {
        super(nameStr);
        this.prefix = prefix;
      }
      setValue(value, { property, itemIndex }) {
        this.value = value;
        this.scopePath = (0, code_1._)`.${new code_1.Name(property)}[${itemIndex}]`;
      }
    };
    exports.ValueScopeName = ValueScopeName;
    var line = (0, code_1._)`\n`;
    var ValueScope = class extends Scope {
      constructor(opts) {
        super(opts);
        this._values = {};
        this._scope = opts.scope;
        this.opts = { ...opts, _n: opts.lines ? line : code_1.nil };
      }
      get() {
        return this._scope;
      }
      name(prefix) {
        return new ValueScopeName(prefix, this._newName(prefix));
      }
      value(nameOrPrefix, value) {
        var _a2;
        if (value.ref === void 0)
          throw new Error("CodeGen: ref must be passed in value");
        const name = this.toName(nameOrPrefix);
        const { prefix } = name;
        const valueKey = (_a2 = value.key) !== null && _a2 !== void 0 ? _a2 : value.ref;
        let vs2 = this._values[prefix];
        if (vs2) {
          const _name = vs2.get(valueKey);
          if (_name)
            return _name;
        } else {
          vs2 = this._values[prefix] = /* @__PURE__ */ new Map();
        }
        vs2.set(valueKey, name);
        const s = this._scope[prefix] || (this._scope[prefix] = []);
        const itemIndex = s.length;
        s[itemIndex] = value.ref;
        name.setValue(value, { property: prefix, itemIndex });
        return name;
      }
      getValue(prefix, keyOrRef) {
        const vs2 = this._values[prefix];
        if (!vs2)
          return;
        return vs2.get(keyOrRef);
      }
      scopeRefs(scopeName, values = this._values) {
        return this._reduceValues(values, (name) => {
          if (name.scopePath === void 0)
            throw new Error(`CodeGen: name "${name}" has no value`);
          return (0, code_1._)`${scopeName}${name.scopePath}`;
        });
      }
      scopeCode(values = this._values, usedValues, getCode) {
        return this._reduceValues(values, (name) => {
          if (name.value === void 0)
            throw new Error(`CodeGen: name "${name}" has no value`);
          return name.value.code;
        }, usedValues, getCode);
      }
      _reduceValues(values, valueCode, usedValues = {}, getCode) {
        let code = code_1.nil;
        for (const prefix in values) {
          const vs2 = values[prefix];
          if (!vs2)
            continue;
          const nameSet = usedValues[prefix] = usedValues[prefix] || /* @__PURE__ */ new Map();
          vs2.forEach((name) => {
            if (nameSet.has(name))
              return;
            nameSet.set(name, UsedValueState.Started);
            let c = valueCode(name);
            if (c) {
              const def = this.opts.es5 ? exports.varKinds.var : exports.varKinds.const;
              code = (0, code_1._)`${code}${def} ${name} = ${c};${this.opts._n}`;
            } else if (c = getCode === null || getCode === void 0 ? void 0 : getCode(name)) {
              code = (0, code_1._)`${code}${c}${this.opts._n}`;
            } else {
              throw new ValueError(name);
            }
            nameSet.set(name, UsedValueState.Completed);
          });
        }
        return code;
      }
    };
    exports.ValueScope = ValueScope;
  }
});

// node_modules/ajv/dist/compile/codegen/index.js
var require_codegen = __commonJS({
  "node_modules/ajv/dist/compile/codegen/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.or = exports.and = exports.not = exports.CodeGen = exports.operators = exports.varKinds = exports.ValueScopeName = exports.ValueScope = exports.Scope = exports.Name = exports.regexpCode = exports.stringify = exports.getProperty = exports.nil = exports.strConcat = exports.str = exports._ = void 0;
    var code_1 = require_code();
    var scope_1 = require_scope();
    var code_2 = require_code();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return code_2._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return code_2.str;
    } });
    Object.defineProperty(exports, "strConcat", { enumerable: true, get: function() {
      return code_2.strConcat;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return code_2.nil;
    } });
    Object.defineProperty(exports, "getProperty", { enumerable: true, get: function() {
      return code_2.getProperty;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return code_2.stringify;
    } });
    Object.defineProperty(exports, "regexpCode", { enumerable: true, get: function() {
      return code_2.regexpCode;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return code_2.Name;
    } });
    var scope_2 = require_scope();
    Object.defineProperty(exports, "Scope", { enumerable: true, get: function() {
      return scope_2.Scope;
    } });
    Object.defineProperty(exports, "ValueScope", { enumerable: true, get: function() {
      return scope_2.ValueScope;
    } });
    Object.defineProperty(exports, "ValueScopeName", { enumerable: true, get: function() {
      return scope_2.ValueScopeName;
    } });
    Object.defineProperty(exports, "varKinds", { enumerable: true, get: function() {
      return scope_2.varKinds;
    } });
    exports.operators = {
      GT: new code_1._Code(">"),
      GTE: new code_1._Code(">="),
      LT: new code_1._Code("<"),
      LTE: new code_1._Code("<="),
      EQ: new code_1._Code("==="),
      NEQ: new code_1._Code("!=="),
      NOT: new code_1._Code("!"),
      OR: new code_1._Code("||"),
      AND: new code_1._Code("&&"),
      ADD: new code_1._Code("+")
    };
    var Node = class {
      optimizeNodes() {
        return this;
      }
      optimizeNames(_names, _constants) {
        return this;
      }
    };
    var Def = class extends Node {
      constructor(varKind, name, rhs) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.rhs = rhs;
      }
      render({ es5, _n }) {
        const varKind = es5 ? scope_1.varKinds.var : this.varKind;
        const rhs = this.rhs === void 0 ? "" : ` = ${this.rhs}`;
        return `${varKind} ${this.name}${rhs};` + _n;
      }
      optimizeNames(names, constants3) {
        if (!names[this.name.str])
          return;
        if (this.rhs)
          this.rhs = optimizeExpr(this.rhs, names, constants3);
        return this;
      }
      get names() {
        return this.rhs instanceof code_1._CodeOrName ? this.rhs.names : {};
      }
    };
    var Assign = class extends Node {
      constructor(lhs, rhs, sideEffects) {
        super();
        this.lhs = lhs;
        this.rhs = rhs;
        this.sideEffects = sideEffects;
      }
      render({ _n }) {
        return `${this.lhs} = ${this.rhs};` + _n;
      }
      optimizeNames(names, constants3) {
        if (this.lhs instanceof code_1.Name && !names[this.lhs.str] && !this.sideEffects)
          return;
        this.rhs = optimizeExpr(this.rhs, names, constants3);
        return this;
      }
      get names() {
        const names = this.lhs instanceof code_1.Name ? {} : { ...this.lhs.names };
        return addExprNames(names, this.rhs);
      }
    };
    var AssignOp = class extends Assign {
      constructor(lhs, op, rhs, sideEffects) {
        super(lhs, rhs, sideEffects);
        this.op = op;
      }
      render({ _n }) {
        return `${this.lhs} ${this.op}= ${this.rhs};` + _n;
      }
    };
    var Label = class extends Node {
      constructor(label) {
        super();
        this.label = label;
        this.names = {};
      }
      render({ _n }) {
        return `${this.label}:` + _n;
      }
    };
    var Break = class extends Node {
      constructor(label) {
        super();
        this.label = label;
        this.names = {};
      }
      render({ _n }) {
        const label = this.label ? ` ${this.label}` : "";
        return `break${label};` + _n;
      }
    };
    var Throw = class extends Node {
      constructor(error2) {
        super();
        this.error = error2;
      }
      render({ _n }) {
        return `throw ${this.error};` + _n;
      }
      get names() {
        return this.error.names;
      }
    };
    var AnyCode = class extends Node {
      constructor(code) {
        super();
        this.code = code;
      }
      render({ _n }) {
        return `${this.code};` + _n;
      }
      optimizeNodes() {
        return `${this.code}` ? this : void 0;
      }
      optimizeNames(names, constants3) {
        this.code = optimizeExpr(this.code, names, constants3);
        return this;
      }
      get names() {
        return this.code instanceof code_1._CodeOrName ? this.code.names : {};
      }
    };
    var ParentNode = class extends Node {
      constructor(nodes = []) {
        super();
        this.nodes = nodes;
      }
      render(opts) {
        return this.nodes.reduce((code, n) => code + n.render(opts), "");
      }
      optimizeNodes() {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
          const n = nodes[i].optimizeNodes();
          if (Array.isArray(n))
            nodes.splice(i, 1, ...n);
          else if (n)
            nodes[i] = n;
          else
            nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : void 0;
      }
      optimizeNames(names, constants3) {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
          const n = nodes[i];
          if (n.optimizeNames(names, constants3))
            continue;
          subtractNames(names, n.names);
          nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : void 0;
      }
      get names() {
        return this.nodes.reduce((names, n) => addNames(names, n.names), {});
      }
    };
    var BlockNode = class extends ParentNode {
      render(opts) {
        return "{" + opts._n + super.render(opts) + "}" + opts._n;
      }
    };
    var Root = class extends ParentNode {
    };
    var Else = class extends BlockNode {
    };
    Else.kind = "else";
    var If = class _If extends BlockNode {
      constructor(condition, nodes) {
        super(nodes);
        this.condition = condition;
      }
      render(opts) {
        let code = `if(${this.condition})` + super.render(opts);
        if (this.else)
          code += "else " + this.else.render(opts);
        return code;
      }
      optimizeNodes() {
        super.optimizeNodes();
        const cond = this.condition;
        if (cond === true)
          return this.nodes;
        let e = this.else;
        if (e) {
          const ns2 = e.optimizeNodes();
          e = this.else = Array.isArray(ns2) ? new Else(ns2) : ns2;
        }
        if (e) {
          if (cond === false)
            return e instanceof _If ? e : e.nodes;
          if (this.nodes.length)
            return this;
          return new _If(not(cond), e instanceof _If ? [e] : e.nodes);
        }
        if (cond === false || !this.nodes.length)
          return void 0;
        return this;
      }
      optimizeNames(names, constants3) {
        var _a2;
        this.else = (_a2 = this.else) === null || _a2 === void 0 ? void 0 : _a2.optimizeNames(names, constants3);
        if (!(super.optimizeNames(names, constants3) || this.else))
          return;
        this.condition = optimizeExpr(this.condition, names, constants3);
        return this;
      }
      get names() {
        const names = super.names;
        addExprNames(names, this.condition);
        if (this.else)
          addNames(names, this.else.names);
        return names;
      }
    };
    If.kind = "if";
    var For = class extends BlockNode {
    };
    For.kind = "for";
    var ForLoop = class extends For {
      constructor(iteration) {
        super();
        this.iteration = iteration;
      }
      render(opts) {
        return `for(${this.iteration})` + super.render(opts);
      }
      optimizeNames(names, constants3) {
        if (!super.optimizeNames(names, constants3))
          return;
        this.iteration = optimizeExpr(this.iteration, names, constants3);
        return this;
      }
      get names() {
        return addNames(super.names, this.iteration.names);
      }
    };
    var ForRange = class extends For {
      constructor(varKind, name, from, to) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.from = from;
        this.to = to;
      }
      render(opts) {
        const varKind = opts.es5 ? scope_1.varKinds.var : this.varKind;
        const { name, from, to } = this;
        return `for(${varKind} ${name}=${from}; ${name}<${to}; ${name}++)` + super.render(opts);
      }
      get names() {
        const names = addExprNames(super.names, this.from);
        return addExprNames(names, this.to);
      }
    };
    var ForIter = class extends For {
      constructor(loop, varKind, name, iterable) {
        super();
        this.loop = loop;
        this.varKind = varKind;
        this.name = name;
        this.iterable = iterable;
      }
      render(opts) {
        return `for(${this.varKind} ${this.name} ${this.loop} ${this.iterable})` + super.render(opts);
      }
      optimizeNames(names, constants3) {
        if (!super.optimizeNames(names, constants3))
          return;
        this.iterable = optimizeExpr(this.iterable, names, constants3);
        return this;
      }
      get names() {
        return addNames(super.names, this.iterable.names);
      }
    };
    var Func = class extends BlockNode {
      constructor(name, args, async) {
        super();
        this.name = name;
        this.args = args;
        this.async = async;
      }
      render(opts) {
        const _async = this.async ? "async " : "";
        return `${_async}function ${this.name}(${this.args})` + super.render(opts);
      }
    };
    Func.kind = "func";
    var Return = class extends ParentNode {
      render(opts) {
        return "return " + super.render(opts);
      }
    };
    Return.kind = "return";
    var Try = class extends BlockNode {
      render(opts) {
        let code = "try" + super.render(opts);
        if (this.catch)
          code += this.catch.render(opts);
        if (this.finally)
          code += this.finally.render(opts);
        return code;
      }
      optimizeNodes() {
        var _a2, _b;
        super.optimizeNodes();
        (_a2 = this.catch) === null || _a2 === void 0 ? void 0 : _a2.optimizeNodes();
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNodes();
        return this;
      }
      optimizeNames(names, constants3) {
        var _a2, _b;
        super.optimizeNames(names, constants3);
        (_a2 = this.catch) === null || _a2 === void 0 ? void 0 : _a2.optimizeNames(names, constants3);
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNames(names, constants3);
        return this;
      }
      get names() {
        const names = super.names;
        if (this.catch)
          addNames(names, this.catch.names);
        if (this.finally)
          addNames(names, this.finally.names);
        return names;
      }
    };
    var Catch = class extends BlockNode {
      constructor(error2) {
        super();
        this.error = error2;
      }
      render(opts) {
        return `catch(${this.error})` + super.render(opts);
      }
    };
    Catch.kind = "catch";
    var Finally = class extends BlockNode {
      render(opts) {
        return "finally" + super.render(opts);
      }
    };
    Finally.kind = "finally";
    var CodeGen = class {
      constructor(extScope, opts = {}) {
        this._values = {};
        this._blockStarts = [];
        this._constants = {};
        this.opts = { ...opts, _n: opts.lines ? "\n" : "" };
        this._extScope = extScope;
        this._scope = new scope_1.Scope({ parent: extScope });
        this._nodes = [new Root()];
      }
      toString() {
        return this._root.render(this.opts);
      }
      // returns unique name in the internal scope
      name(prefix) {
        return this._scope.name(prefix);
      }
      // reserves unique name in the external scope
      scopeName(prefix) {
        return this._extScope.name(prefix);
      }
      // reserves unique name in the external scope and assigns value to it
      scopeValue(prefixOrName, value) {
        const name = this._extScope.value(prefixOrName, value);
        const vs2 = this._values[name.prefix] || (this._values[name.prefix] = /* @__PURE__ */ new Set());
        vs2.add(name);
        return name;
      }
      getScopeValue(prefix, keyOrRef) {
        return this._extScope.getValue(prefix, keyOrRef);
      }
      // return code that assigns values in the external scope to the names that are used internally
      // (same names that were returned by gen.scopeName or gen.scopeValue)
      scopeRefs(scopeName) {
        return this._extScope.scopeRefs(scopeName, this._values);
      }
      scopeCode() {
        return this._extScope.scopeCode(this._values);
      }
      _def(varKind, nameOrPrefix, rhs, constant) {
        const name = this._scope.toName(nameOrPrefix);
        if (rhs !== void 0 && constant)
          this._constants[name.str] = rhs;
        this._leafNode(new Def(varKind, name, rhs));
        return name;
      }
      // `const` declaration (`var` in es5 mode)
      const(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.const, nameOrPrefix, rhs, _constant);
      }
      // `let` declaration with optional assignment (`var` in es5 mode)
      let(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.let, nameOrPrefix, rhs, _constant);
      }
      // `var` declaration with optional assignment
      var(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.var, nameOrPrefix, rhs, _constant);
      }
      // assignment code
      assign(lhs, rhs, sideEffects) {
        return this._leafNode(new Assign(lhs, rhs, sideEffects));
      }
      // `+=` code
      add(lhs, rhs) {
        return this._leafNode(new AssignOp(lhs, exports.operators.ADD, rhs));
      }
      // appends passed SafeExpr to code or executes Block
      code(c) {
        if (typeof c == "function")
          c();
        else if (c !== code_1.nil)
          this._leafNode(new AnyCode(c));
        return this;
      }
      // returns code for object literal for the passed argument list of key-value pairs
      object(...keyValues) {
        const code = ["{"];
        for (const [key3, value] of keyValues) {
          if (code.length > 1)
            code.push(",");
          code.push(key3);
          if (key3 !== value || this.opts.es5) {
            code.push(":");
            (0, code_1.addCodeArg)(code, value);
          }
        }
        code.push("}");
        return new code_1._Code(code);
      }
      // `if` clause (or statement if `thenBody` and, optionally, `elseBody` are passed)
      if(condition, thenBody, elseBody) {
        this._blockNode(new If(condition));
        if (thenBody && elseBody) {
          this.code(thenBody).else().code(elseBody).endIf();
        } else if (thenBody) {
          this.code(thenBody).endIf();
        } else if (elseBody) {
          throw new Error('CodeGen: "else" body without "then" body');
        }
        return this;
      }
      // `else if` clause - invalid without `if` or after `else` clauses
      elseIf(condition) {
        return this._elseNode(new If(condition));
      }
      // `else` clause - only valid after `if` or `else if` clauses
      else() {
        return this._elseNode(new Else());
      }
      // end `if` statement (needed if gen.if was used only with condition)
      endIf() {
        return this._endBlockNode(If, Else);
      }
      _for(node, forBody) {
        this._blockNode(node);
        if (forBody)
          this.code(forBody).endFor();
        return this;
      }
      // a generic `for` clause (or statement if `forBody` is passed)
      for(iteration, forBody) {
        return this._for(new ForLoop(iteration), forBody);
      }
      // `for` statement for a range of values
      forRange(nameOrPrefix, from, to, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.let) {
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForRange(varKind, name, from, to), () => forBody(name));
      }
      // `for-of` statement (in es5 mode replace with a normal for loop)
      forOf(nameOrPrefix, iterable, forBody, varKind = scope_1.varKinds.const) {
        const name = this._scope.toName(nameOrPrefix);
        if (this.opts.es5) {
          const arr = iterable instanceof code_1.Name ? iterable : this.var("_arr", iterable);
          return this.forRange("_i", 0, (0, code_1._)`${arr}.length`, (i) => {
            this.var(name, (0, code_1._)`${arr}[${i}]`);
            forBody(name);
          });
        }
        return this._for(new ForIter("of", varKind, name, iterable), () => forBody(name));
      }
      // `for-in` statement.
      // With option `ownProperties` replaced with a `for-of` loop for object keys
      forIn(nameOrPrefix, obj, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.const) {
        if (this.opts.ownProperties) {
          return this.forOf(nameOrPrefix, (0, code_1._)`Object.keys(${obj})`, forBody);
        }
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForIter("in", varKind, name, obj), () => forBody(name));
      }
      // end `for` loop
      endFor() {
        return this._endBlockNode(For);
      }
      // `label` statement
      label(label) {
        return this._leafNode(new Label(label));
      }
      // `break` statement
      break(label) {
        return this._leafNode(new Break(label));
      }
      // `return` statement
      return(value) {
        const node = new Return();
        this._blockNode(node);
        this.code(value);
        if (node.nodes.length !== 1)
          throw new Error('CodeGen: "return" should have one node');
        return this._endBlockNode(Return);
      }
      // `try` statement
      try(tryBody, catchCode, finallyCode) {
        if (!catchCode && !finallyCode)
          throw new Error('CodeGen: "try" without "catch" and "finally"');
        const node = new Try();
        this._blockNode(node);
        this.code(tryBody);
        if (catchCode) {
          const error2 = this.name("e");
          this._currNode = node.catch = new Catch(error2);
          catchCode(error2);
        }
        if (finallyCode) {
          this._currNode = node.finally = new Finally();
          this.code(finallyCode);
        }
        return this._endBlockNode(Catch, Finally);
      }
      // `throw` statement
      throw(error2) {
        return this._leafNode(new Throw(error2));
      }
      // start self-balancing block
      block(body, nodeCount) {
        this._blockStarts.push(this._nodes.length);
        if (body)
          this.code(body).endBlock(nodeCount);
        return this;
      }
      // end the current self-balancing block
      endBlock(nodeCount) {
        const len = this._blockStarts.pop();
        if (len === void 0)
          throw new Error("CodeGen: not in self-balancing block");
        const toClose = this._nodes.length - len;
        if (toClose < 0 || nodeCount !== void 0 && toClose !== nodeCount) {
          throw new Error(`CodeGen: wrong number of nodes: ${toClose} vs ${nodeCount} expected`);
        }
        this._nodes.length = len;
        return this;
      }
      // `function` heading (or definition if funcBody is passed)
      func(name, args = code_1.nil, async, funcBody) {
        this._blockNode(new Func(name, args, async));
        if (funcBody)
          this.code(funcBody).endFunc();
        return this;
      }
      // end function definition
      endFunc() {
        return this._endBlockNode(Func);
      }
      optimize(n = 1) {
        while (n-- > 0) {
          this._root.optimizeNodes();
          this._root.optimizeNames(this._root.names, this._constants);
        }
      }
      _leafNode(node) {
        this._currNode.nodes.push(node);
        return this;
      }
      _blockNode(node) {
        this._currNode.nodes.push(node);
        this._nodes.push(node);
      }
      _endBlockNode(N1, N2) {
        const n = this._currNode;
        if (n instanceof N1 || N2 && n instanceof N2) {
          this._nodes.pop();
          return this;
        }
        throw new Error(`CodeGen: not in block "${N2 ? `${N1.kind}/${N2.kind}` : N1.kind}"`);
      }
      _elseNode(node) {
        const n = this._currNode;
        if (!(n instanceof If)) {
          throw new Error('CodeGen: "else" without "if"');
        }
        this._currNode = n.else = node;
        return this;
      }
      get _root() {
        return this._nodes[0];
      }
      get _currNode() {
        const ns2 = this._nodes;
        return ns2[ns2.length - 1];
      }
      set _currNode(node) {
        const ns2 = this._nodes;
        ns2[ns2.length - 1] = node;
      }
    };
    exports.CodeGen = CodeGen;
    function addNames(names, from) {
      for (const n in from)
        names[n] = (names[n] || 0) + (from[n] || 0);
      return names;
    }
    function addExprNames(names, from) {
      return from instanceof code_1._CodeOrName ? addNames(names, from.names) : names;
    }
    function optimizeExpr(expr, names, constants3) {
      if (expr instanceof code_1.Name)
        return replaceName(expr);
      if (!canOptimize(expr))
        return expr;
      return new code_1._Code(expr._items.reduce((items, c) => {
        if (c instanceof code_1.Name)
          c = replaceName(c);
        if (c instanceof code_1._Code)
          items.push(...c._items);
        else
          items.push(c);
        return items;
      }, []));
      function replaceName(n) {
        const c = constants3[n.str];
        if (c === void 0 || names[n.str] !== 1)
          return n;
        delete names[n.str];
        return c;
      }
      function canOptimize(e) {
        return e instanceof code_1._Code && e._items.some((c) => c instanceof code_1.Name && names[c.str] === 1 && constants3[c.str] !== void 0);
      }
    }
    function subtractNames(names, from) {
      for (const n in from)
        names[n] = (names[n] || 0) - (from[n] || 0);
    }
    function not(x) {
      return typeof x == "boolean" || typeof x == "number" || x === null ? !x : (0, code_1._)`!${par(x)}`;
    }
    exports.not = not;
    var andCode = mappend(exports.operators.AND);
    function and(...args) {
      return args.reduce(andCode);
    }
    exports.and = and;
    var orCode = mappend(exports.operators.OR);
    function or(...args) {
      return args.reduce(orCode);
    }
    exports.or = or;
    function mappend(op) {
      return (x, y) => x === code_1.nil ? y : y === code_1.nil ? x : (0, code_1._)`${par(x)} ${op} ${par(y)}`;
    }
    function par(x) {
      return x instanceof code_1.Name ? x : (0, code_1._)`(${x})`;
    }
  }
});

// node_modules/ajv/dist/compile/util.js
var require_util = __commonJS({
  "node_modules/ajv/dist/compile/util.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.checkStrictMode = exports.getErrorPath = exports.Type = exports.useFunc = exports.setEvaluated = exports.evaluatedPropsToName = exports.mergeEvaluated = exports.eachItem = exports.unescapeJsonPointer = exports.escapeJsonPointer = exports.escapeFragment = exports.unescapeFragment = exports.schemaRefOrVal = exports.schemaHasRulesButRef = exports.schemaHasRules = exports.checkUnknownRules = exports.alwaysValidSchema = exports.toHash = void 0;
    var codegen_1 = require_codegen();
    var code_1 = require_code();
    function toHash(arr) {
      const hash = {};
      for (const item of arr)
        hash[item] = true;
      return hash;
    }
    exports.toHash = toHash;
    function alwaysValidSchema(it2, schema2) {
      if (typeof schema2 == "boolean")
        return schema2;
      if (Object.keys(schema2).length === 0)
        return true;
      checkUnknownRules(it2, schema2);
      return !schemaHasRules(schema2, it2.self.RULES.all);
    }
    exports.alwaysValidSchema = alwaysValidSchema;
    function checkUnknownRules(it2, schema2 = it2.schema) {
      const { opts, self } = it2;
      if (!opts.strictSchema)
        return;
      if (typeof schema2 === "boolean")
        return;
      const rules2 = self.RULES.keywords;
      for (const key3 in schema2) {
        if (!rules2[key3])
          checkStrictMode(it2, `unknown keyword: "${key3}"`);
      }
    }
    exports.checkUnknownRules = checkUnknownRules;
    function schemaHasRules(schema2, rules2) {
      if (typeof schema2 == "boolean")
        return !schema2;
      for (const key3 in schema2)
        if (rules2[key3])
          return true;
      return false;
    }
    exports.schemaHasRules = schemaHasRules;
    function schemaHasRulesButRef(schema2, RULES) {
      if (typeof schema2 == "boolean")
        return !schema2;
      for (const key3 in schema2)
        if (key3 !== "$ref" && RULES.all[key3])
          return true;
      return false;
    }
    exports.schemaHasRulesButRef = schemaHasRulesButRef;
    function schemaRefOrVal({ topSchemaRef, schemaPath }, schema2, keyword, $data) {
      if (!$data) {
        if (typeof schema2 == "number" || typeof schema2 == "boolean")
          return schema2;
        if (typeof schema2 == "string")
          return (0, codegen_1._)`${schema2}`;
      }
      return (0, codegen_1._)`${topSchemaRef}${schemaPath}${(0, codegen_1.getProperty)(keyword)}`;
    }
    exports.schemaRefOrVal = schemaRefOrVal;
    function unescapeFragment(str3) {
      return unescapeJsonPointer(decodeURIComponent(str3));
    }
    exports.unescapeFragment = unescapeFragment;
    function escapeFragment(str3) {
      return encodeURIComponent(escapeJsonPointer(str3));
    }
    exports.escapeFragment = escapeFragment;
    function escapeJsonPointer(str3) {
      if (typeof str3 == "number")
        return `${str3}`;
      return str3.replace(/~/g, "~0").replace(/\//g, "~1");
    }
    exports.escapeJsonPointer = escapeJsonPointer;
    function unescapeJsonPointer(str3) {
      return str3.replace(/~1/g, "/").replace(/~0/g, "~");
    }
    exports.unescapeJsonPointer = unescapeJsonPointer;
    function eachItem(xs2, f) {
      if (Array.isArray(xs2)) {
        for (const x of xs2)
          f(x);
      } else {
        f(xs2);
      }
    }
    exports.eachItem = eachItem;
    function makeMergeEvaluated({ mergeNames, mergeToName, mergeValues, resultToName }) {
      return (gen, from, to, toName) => {
        const res = to === void 0 ? from : to instanceof codegen_1.Name ? (from instanceof codegen_1.Name ? mergeNames(gen, from, to) : mergeToName(gen, from, to), to) : from instanceof codegen_1.Name ? (mergeToName(gen, to, from), from) : mergeValues(from, to);
        return toName === codegen_1.Name && !(res instanceof codegen_1.Name) ? resultToName(gen, res) : res;
      };
    }
    exports.mergeEvaluated = {
      props: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true && ${from} !== undefined`, () => {
          gen.if((0, codegen_1._)`${from} === true`, () => gen.assign(to, true), () => gen.assign(to, (0, codegen_1._)`${to} || {}`).code((0, codegen_1._)`Object.assign(${to}, ${from})`));
        }),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true`, () => {
          if (from === true) {
            gen.assign(to, true);
          } else {
            gen.assign(to, (0, codegen_1._)`${to} || {}`);
            setEvaluated(gen, to, from);
          }
        }),
        mergeValues: (from, to) => from === true ? true : { ...from, ...to },
        resultToName: evaluatedPropsToName
      }),
      items: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true && ${from} !== undefined`, () => gen.assign(to, (0, codegen_1._)`${from} === true ? true : ${to} > ${from} ? ${to} : ${from}`)),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true`, () => gen.assign(to, from === true ? true : (0, codegen_1._)`${to} > ${from} ? ${to} : ${from}`)),
        mergeValues: (from, to) => from === true ? true : Math.max(from, to),
        resultToName: (gen, items) => gen.var("items", items)
      })
    };
    function evaluatedPropsToName(gen, ps2) {
      if (ps2 === true)
        return gen.var("props", true);
      const props = gen.var("props", (0, codegen_1._)`{}`);
      if (ps2 !== void 0)
        setEvaluated(gen, props, ps2);
      return props;
    }
    exports.evaluatedPropsToName = evaluatedPropsToName;
    function setEvaluated(gen, props, ps2) {
      Object.keys(ps2).forEach((p) => gen.assign((0, codegen_1._)`${props}${(0, codegen_1.getProperty)(p)}`, true));
    }
    exports.setEvaluated = setEvaluated;
    var snippets = {};
    function useFunc(gen, f) {
      return gen.scopeValue("func", {
        ref: f,
        code: snippets[f.code] || (snippets[f.code] = new code_1._Code(f.code))
      });
    }
    exports.useFunc = useFunc;
    var Type2;
    (function(Type3) {
      Type3[Type3["Num"] = 0] = "Num";
      Type3[Type3["Str"] = 1] = "Str";
    })(Type2 || (exports.Type = Type2 = {}));
    function getErrorPath(dataProp, dataPropType, jsPropertySyntax) {
      if (dataProp instanceof codegen_1.Name) {
        const isNumber = dataPropType === Type2.Num;
        return jsPropertySyntax ? isNumber ? (0, codegen_1._)`"[" + ${dataProp} + "]"` : (0, codegen_1._)`"['" + ${dataProp} + "']"` : isNumber ? (0, codegen_1._)`"/" + ${dataProp}` : (0, codegen_1._)`"/" + ${dataProp}.replace(/~/g, "~0").replace(/\\//g, "~1")`;
      }
      return jsPropertySyntax ? (0, codegen_1.getProperty)(dataProp).toString() : "/" + escapeJsonPointer(dataProp);
    }
    exports.getErrorPath = getErrorPath;
    function checkStrictMode(it2, msg, mode = it2.opts.strictSchema) {
      if (!mode)
        return;
      msg = `strict mode: ${msg}`;
      if (mode === true)
        throw new Error(msg);
      it2.self.logger.warn(msg);
    }
    exports.checkStrictMode = checkStrictMode;
  }
});

// node_modules/ajv/dist/compile/names.js
var require_names = __commonJS({
  "node_modules/ajv/dist/compile/names.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var names = {
      // validation function arguments
      data: new codegen_1.Name("data"),
      // data passed to validation function
      // args passed from referencing schema
      valCxt: new codegen_1.Name("valCxt"),
      // validation/data context - should not be used directly, it is destructured to the names below
      instancePath: new codegen_1.Name("instancePath"),
      parentData: new codegen_1.Name("parentData"),
      parentDataProperty: new codegen_1.Name("parentDataProperty"),
      rootData: new codegen_1.Name("rootData"),
      // root data - same as the data passed to the first/top validation function
      dynamicAnchors: new codegen_1.Name("dynamicAnchors"),
      // used to support recursiveRef and dynamicRef
      // function scoped variables
      vErrors: new codegen_1.Name("vErrors"),
      // null or array of validation errors
      errors: new codegen_1.Name("errors"),
      // counter of validation errors
      this: new codegen_1.Name("this"),
      // "globals"
      self: new codegen_1.Name("self"),
      scope: new codegen_1.Name("scope"),
      // JTD serialize/parse name for JSON string and position
      json: new codegen_1.Name("json"),
      jsonPos: new codegen_1.Name("jsonPos"),
      jsonLen: new codegen_1.Name("jsonLen"),
      jsonPart: new codegen_1.Name("jsonPart")
    };
    exports.default = names;
  }
});

// node_modules/ajv/dist/compile/errors.js
var require_errors = __commonJS({
  "node_modules/ajv/dist/compile/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.extendErrors = exports.resetErrorsCount = exports.reportExtraError = exports.reportError = exports.keyword$DataError = exports.keywordError = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var names_1 = require_names();
    exports.keywordError = {
      message: ({ keyword }) => (0, codegen_1.str)`must pass "${keyword}" keyword validation`
    };
    exports.keyword$DataError = {
      message: ({ keyword, schemaType }) => schemaType ? (0, codegen_1.str)`"${keyword}" keyword must be ${schemaType} ($data)` : (0, codegen_1.str)`"${keyword}" keyword is invalid ($data)`
    };
    function reportError(cxt, error2 = exports.keywordError, errorPaths, overrideAllErrors) {
      const { it: it2 } = cxt;
      const { gen, compositeRule, allErrors } = it2;
      const errObj = errorObjectCode(cxt, error2, errorPaths);
      if (overrideAllErrors !== null && overrideAllErrors !== void 0 ? overrideAllErrors : compositeRule || allErrors) {
        addError(gen, errObj);
      } else {
        returnErrors(it2, (0, codegen_1._)`[${errObj}]`);
      }
    }
    exports.reportError = reportError;
    function reportExtraError(cxt, error2 = exports.keywordError, errorPaths) {
      const { it: it2 } = cxt;
      const { gen, compositeRule, allErrors } = it2;
      const errObj = errorObjectCode(cxt, error2, errorPaths);
      addError(gen, errObj);
      if (!(compositeRule || allErrors)) {
        returnErrors(it2, names_1.default.vErrors);
      }
    }
    exports.reportExtraError = reportExtraError;
    function resetErrorsCount(gen, errsCount) {
      gen.assign(names_1.default.errors, errsCount);
      gen.if((0, codegen_1._)`${names_1.default.vErrors} !== null`, () => gen.if(errsCount, () => gen.assign((0, codegen_1._)`${names_1.default.vErrors}.length`, errsCount), () => gen.assign(names_1.default.vErrors, null)));
    }
    exports.resetErrorsCount = resetErrorsCount;
    function extendErrors({ gen, keyword, schemaValue, data, errsCount, it: it2 }) {
      if (errsCount === void 0)
        throw new Error("ajv implementation error");
      const err = gen.name("err");
      gen.forRange("i", errsCount, names_1.default.errors, (i) => {
        gen.const(err, (0, codegen_1._)`${names_1.default.vErrors}[${i}]`);
        gen.if((0, codegen_1._)`${err}.instancePath === undefined`, () => gen.assign((0, codegen_1._)`${err}.instancePath`, (0, codegen_1.strConcat)(names_1.default.instancePath, it2.errorPath)));
        gen.assign((0, codegen_1._)`${err}.schemaPath`, (0, codegen_1.str)`${it2.errSchemaPath}/${keyword}`);
        if (it2.opts.verbose) {
          gen.assign((0, codegen_1._)`${err}.schema`, schemaValue);
          gen.assign((0, codegen_1._)`${err}.data`, data);
        }
      });
    }
    exports.extendErrors = extendErrors;
    function addError(gen, errObj) {
      const err = gen.const("err", errObj);
      gen.if((0, codegen_1._)`${names_1.default.vErrors} === null`, () => gen.assign(names_1.default.vErrors, (0, codegen_1._)`[${err}]`), (0, codegen_1._)`${names_1.default.vErrors}.push(${err})`);
      gen.code((0, codegen_1._)`${names_1.default.errors}++`);
    }
    function returnErrors(it2, errs) {
      const { gen, validateName, schemaEnv } = it2;
      if (schemaEnv.$async) {
        gen.throw((0, codegen_1._)`new ${it2.ValidationError}(${errs})`);
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, errs);
        gen.return(false);
      }
    }
    var E2 = {
      keyword: new codegen_1.Name("keyword"),
      schemaPath: new codegen_1.Name("schemaPath"),
      // also used in JTD errors
      params: new codegen_1.Name("params"),
      propertyName: new codegen_1.Name("propertyName"),
      message: new codegen_1.Name("message"),
      schema: new codegen_1.Name("schema"),
      parentSchema: new codegen_1.Name("parentSchema")
    };
    function errorObjectCode(cxt, error2, errorPaths) {
      const { createErrors } = cxt.it;
      if (createErrors === false)
        return (0, codegen_1._)`{}`;
      return errorObject(cxt, error2, errorPaths);
    }
    function errorObject(cxt, error2, errorPaths = {}) {
      const { gen, it: it2 } = cxt;
      const keyValues = [
        errorInstancePath(it2, errorPaths),
        errorSchemaPath(cxt, errorPaths)
      ];
      extraErrorProps(cxt, error2, keyValues);
      return gen.object(...keyValues);
    }
    function errorInstancePath({ errorPath }, { instancePath }) {
      const instPath = instancePath ? (0, codegen_1.str)`${errorPath}${(0, util_1.getErrorPath)(instancePath, util_1.Type.Str)}` : errorPath;
      return [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, instPath)];
    }
    function errorSchemaPath({ keyword, it: { errSchemaPath } }, { schemaPath, parentSchema }) {
      let schPath = parentSchema ? errSchemaPath : (0, codegen_1.str)`${errSchemaPath}/${keyword}`;
      if (schemaPath) {
        schPath = (0, codegen_1.str)`${schPath}${(0, util_1.getErrorPath)(schemaPath, util_1.Type.Str)}`;
      }
      return [E2.schemaPath, schPath];
    }
    function extraErrorProps(cxt, { params, message }, keyValues) {
      const { keyword, data, schemaValue, it: it2 } = cxt;
      const { opts, propertyName, topSchemaRef, schemaPath } = it2;
      keyValues.push([E2.keyword, keyword], [E2.params, typeof params == "function" ? params(cxt) : params || (0, codegen_1._)`{}`]);
      if (opts.messages) {
        keyValues.push([E2.message, typeof message == "function" ? message(cxt) : message]);
      }
      if (opts.verbose) {
        keyValues.push([E2.schema, schemaValue], [E2.parentSchema, (0, codegen_1._)`${topSchemaRef}${schemaPath}`], [names_1.default.data, data]);
      }
      if (propertyName)
        keyValues.push([E2.propertyName, propertyName]);
    }
  }
});

// node_modules/ajv/dist/compile/validate/boolSchema.js
var require_boolSchema = __commonJS({
  "node_modules/ajv/dist/compile/validate/boolSchema.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.boolOrEmptySchema = exports.topBoolOrEmptySchema = void 0;
    var errors_1 = require_errors();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var boolError = {
      message: "boolean schema is false"
    };
    function topBoolOrEmptySchema(it2) {
      const { gen, schema: schema2, validateName } = it2;
      if (schema2 === false) {
        falseSchemaError(it2, false);
      } else if (typeof schema2 == "object" && schema2.$async === true) {
        gen.return(names_1.default.data);
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, null);
        gen.return(true);
      }
    }
    exports.topBoolOrEmptySchema = topBoolOrEmptySchema;
    function boolOrEmptySchema(it2, valid) {
      const { gen, schema: schema2 } = it2;
      if (schema2 === false) {
        gen.var(valid, false);
        falseSchemaError(it2);
      } else {
        gen.var(valid, true);
      }
    }
    exports.boolOrEmptySchema = boolOrEmptySchema;
    function falseSchemaError(it2, overrideAllErrors) {
      const { gen, data } = it2;
      const cxt = {
        gen,
        keyword: "false schema",
        data,
        schema: false,
        schemaCode: false,
        schemaValue: false,
        params: {},
        it: it2
      };
      (0, errors_1.reportError)(cxt, boolError, void 0, overrideAllErrors);
    }
  }
});

// node_modules/ajv/dist/compile/rules.js
var require_rules = __commonJS({
  "node_modules/ajv/dist/compile/rules.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getRules = exports.isJSONType = void 0;
    var _jsonTypes = ["string", "number", "integer", "boolean", "null", "object", "array"];
    var jsonTypes = new Set(_jsonTypes);
    function isJSONType(x) {
      return typeof x == "string" && jsonTypes.has(x);
    }
    exports.isJSONType = isJSONType;
    function getRules() {
      const groups = {
        number: { type: "number", rules: [] },
        string: { type: "string", rules: [] },
        array: { type: "array", rules: [] },
        object: { type: "object", rules: [] }
      };
      return {
        types: { ...groups, integer: true, boolean: true, null: true },
        rules: [{ rules: [] }, groups.number, groups.string, groups.array, groups.object],
        post: { rules: [] },
        all: {},
        keywords: {}
      };
    }
    exports.getRules = getRules;
  }
});

// node_modules/ajv/dist/compile/validate/applicability.js
var require_applicability = __commonJS({
  "node_modules/ajv/dist/compile/validate/applicability.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.shouldUseRule = exports.shouldUseGroup = exports.schemaHasRulesForType = void 0;
    function schemaHasRulesForType({ schema: schema2, self }, type2) {
      const group = self.RULES.types[type2];
      return group && group !== true && shouldUseGroup(schema2, group);
    }
    exports.schemaHasRulesForType = schemaHasRulesForType;
    function shouldUseGroup(schema2, group) {
      return group.rules.some((rule) => shouldUseRule(schema2, rule));
    }
    exports.shouldUseGroup = shouldUseGroup;
    function shouldUseRule(schema2, rule) {
      var _a2;
      return schema2[rule.keyword] !== void 0 || ((_a2 = rule.definition.implements) === null || _a2 === void 0 ? void 0 : _a2.some((kwd) => schema2[kwd] !== void 0));
    }
    exports.shouldUseRule = shouldUseRule;
  }
});

// node_modules/ajv/dist/compile/validate/dataType.js
var require_dataType = __commonJS({
  "node_modules/ajv/dist/compile/validate/dataType.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.reportTypeError = exports.checkDataTypes = exports.checkDataType = exports.coerceAndCheckDataType = exports.getJSONTypes = exports.getSchemaTypes = exports.DataType = void 0;
    var rules_1 = require_rules();
    var applicability_1 = require_applicability();
    var errors_1 = require_errors();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var DataType;
    (function(DataType2) {
      DataType2[DataType2["Correct"] = 0] = "Correct";
      DataType2[DataType2["Wrong"] = 1] = "Wrong";
    })(DataType || (exports.DataType = DataType = {}));
    function getSchemaTypes(schema2) {
      const types3 = getJSONTypes(schema2.type);
      const hasNull = types3.includes("null");
      if (hasNull) {
        if (schema2.nullable === false)
          throw new Error("type: null contradicts nullable: false");
      } else {
        if (!types3.length && schema2.nullable !== void 0) {
          throw new Error('"nullable" cannot be used without "type"');
        }
        if (schema2.nullable === true)
          types3.push("null");
      }
      return types3;
    }
    exports.getSchemaTypes = getSchemaTypes;
    function getJSONTypes(ts2) {
      const types3 = Array.isArray(ts2) ? ts2 : ts2 ? [ts2] : [];
      if (types3.every(rules_1.isJSONType))
        return types3;
      throw new Error("type must be JSONType or JSONType[]: " + types3.join(","));
    }
    exports.getJSONTypes = getJSONTypes;
    function coerceAndCheckDataType(it2, types3) {
      const { gen, data, opts } = it2;
      const coerceTo = coerceToTypes(types3, opts.coerceTypes);
      const checkTypes = types3.length > 0 && !(coerceTo.length === 0 && types3.length === 1 && (0, applicability_1.schemaHasRulesForType)(it2, types3[0]));
      if (checkTypes) {
        const wrongType = checkDataTypes(types3, data, opts.strictNumbers, DataType.Wrong);
        gen.if(wrongType, () => {
          if (coerceTo.length)
            coerceData(it2, types3, coerceTo);
          else
            reportTypeError(it2);
        });
      }
      return checkTypes;
    }
    exports.coerceAndCheckDataType = coerceAndCheckDataType;
    var COERCIBLE = /* @__PURE__ */ new Set(["string", "number", "integer", "boolean", "null"]);
    function coerceToTypes(types3, coerceTypes) {
      return coerceTypes ? types3.filter((t) => COERCIBLE.has(t) || coerceTypes === "array" && t === "array") : [];
    }
    function coerceData(it2, types3, coerceTo) {
      const { gen, data, opts } = it2;
      const dataType = gen.let("dataType", (0, codegen_1._)`typeof ${data}`);
      const coerced = gen.let("coerced", (0, codegen_1._)`undefined`);
      if (opts.coerceTypes === "array") {
        gen.if((0, codegen_1._)`${dataType} == 'object' && Array.isArray(${data}) && ${data}.length == 1`, () => gen.assign(data, (0, codegen_1._)`${data}[0]`).assign(dataType, (0, codegen_1._)`typeof ${data}`).if(checkDataTypes(types3, data, opts.strictNumbers), () => gen.assign(coerced, data)));
      }
      gen.if((0, codegen_1._)`${coerced} !== undefined`);
      for (const t of coerceTo) {
        if (COERCIBLE.has(t) || t === "array" && opts.coerceTypes === "array") {
          coerceSpecificType(t);
        }
      }
      gen.else();
      reportTypeError(it2);
      gen.endIf();
      gen.if((0, codegen_1._)`${coerced} !== undefined`, () => {
        gen.assign(data, coerced);
        assignParentData(it2, coerced);
      });
      function coerceSpecificType(t) {
        switch (t) {
          case "string":
            gen.elseIf((0, codegen_1._)`${dataType} == "number" || ${dataType} == "boolean"`).assign(coerced, (0, codegen_1._)`"" + ${data}`).elseIf((0, codegen_1._)`${data} === null`).assign(coerced, (0, codegen_1._)`""`);
            return;
          case "number":
            gen.elseIf((0, codegen_1._)`${dataType} == "boolean" || ${data} === null
              || (${dataType} == "string" && ${data} && ${data} == +${data})`).assign(coerced, (0, codegen_1._)`+${data}`);
            return;
          case "integer":
            gen.elseIf((0, codegen_1._)`${dataType} === "boolean" || ${data} === null
              || (${dataType} === "string" && ${data} && ${data} == +${data} && !(${data} % 1))`).assign(coerced, (0, codegen_1._)`+${data}`);
            return;
          case "boolean":
            gen.elseIf((0, codegen_1._)`${data} === "false" || ${data} === 0 || ${data} === null`).assign(coerced, false).elseIf((0, codegen_1._)`${data} === "true" || ${data} === 1`).assign(coerced, true);
            return;
          case "null":
            gen.elseIf((0, codegen_1._)`${data} === "" || ${data} === 0 || ${data} === false`);
            gen.assign(coerced, null);
            return;
          case "array":
            gen.elseIf((0, codegen_1._)`${dataType} === "string" || ${dataType} === "number"
              || ${dataType} === "boolean" || ${data} === null`).assign(coerced, (0, codegen_1._)`[${data}]`);
        }
      }
    }
    function assignParentData({ gen, parentData, parentDataProperty }, expr) {
      gen.if((0, codegen_1._)`${parentData} !== undefined`, () => gen.assign((0, codegen_1._)`${parentData}[${parentDataProperty}]`, expr));
    }
    function checkDataType(dataType, data, strictNums, correct = DataType.Correct) {
      const EQ = correct === DataType.Correct ? codegen_1.operators.EQ : codegen_1.operators.NEQ;
      let cond;
      switch (dataType) {
        case "null":
          return (0, codegen_1._)`${data} ${EQ} null`;
        case "array":
          cond = (0, codegen_1._)`Array.isArray(${data})`;
          break;
        case "object":
          cond = (0, codegen_1._)`${data} && typeof ${data} == "object" && !Array.isArray(${data})`;
          break;
        case "integer":
          cond = numCond((0, codegen_1._)`!(${data} % 1) && !isNaN(${data})`);
          break;
        case "number":
          cond = numCond();
          break;
        default:
          return (0, codegen_1._)`typeof ${data} ${EQ} ${dataType}`;
      }
      return correct === DataType.Correct ? cond : (0, codegen_1.not)(cond);
      function numCond(_cond = codegen_1.nil) {
        return (0, codegen_1.and)((0, codegen_1._)`typeof ${data} == "number"`, _cond, strictNums ? (0, codegen_1._)`isFinite(${data})` : codegen_1.nil);
      }
    }
    exports.checkDataType = checkDataType;
    function checkDataTypes(dataTypes, data, strictNums, correct) {
      if (dataTypes.length === 1) {
        return checkDataType(dataTypes[0], data, strictNums, correct);
      }
      let cond;
      const types3 = (0, util_1.toHash)(dataTypes);
      if (types3.array && types3.object) {
        const notObj = (0, codegen_1._)`typeof ${data} != "object"`;
        cond = types3.null ? notObj : (0, codegen_1._)`!${data} || ${notObj}`;
        delete types3.null;
        delete types3.array;
        delete types3.object;
      } else {
        cond = codegen_1.nil;
      }
      if (types3.number)
        delete types3.integer;
      for (const t in types3)
        cond = (0, codegen_1.and)(cond, checkDataType(t, data, strictNums, correct));
      return cond;
    }
    exports.checkDataTypes = checkDataTypes;
    var typeError = {
      message: ({ schema: schema2 }) => `must be ${schema2}`,
      params: ({ schema: schema2, schemaValue }) => typeof schema2 == "string" ? (0, codegen_1._)`{type: ${schema2}}` : (0, codegen_1._)`{type: ${schemaValue}}`
    };
    function reportTypeError(it2) {
      const cxt = getTypeErrorContext(it2);
      (0, errors_1.reportError)(cxt, typeError);
    }
    exports.reportTypeError = reportTypeError;
    function getTypeErrorContext(it2) {
      const { gen, data, schema: schema2 } = it2;
      const schemaCode = (0, util_1.schemaRefOrVal)(it2, schema2, "type");
      return {
        gen,
        keyword: "type",
        data,
        schema: schema2.type,
        schemaCode,
        schemaValue: schemaCode,
        parentSchema: schema2,
        params: {},
        it: it2
      };
    }
  }
});

// node_modules/ajv/dist/compile/validate/defaults.js
var require_defaults = __commonJS({
  "node_modules/ajv/dist/compile/validate/defaults.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.assignDefaults = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    function assignDefaults(it2, ty) {
      const { properties, items } = it2.schema;
      if (ty === "object" && properties) {
        for (const key3 in properties) {
          assignDefault(it2, key3, properties[key3].default);
        }
      } else if (ty === "array" && Array.isArray(items)) {
        items.forEach((sch, i) => assignDefault(it2, i, sch.default));
      }
    }
    exports.assignDefaults = assignDefaults;
    function assignDefault(it2, prop, defaultValue) {
      const { gen, compositeRule, data, opts } = it2;
      if (defaultValue === void 0)
        return;
      const childData = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(prop)}`;
      if (compositeRule) {
        (0, util_1.checkStrictMode)(it2, `default is ignored for: ${childData}`);
        return;
      }
      let condition = (0, codegen_1._)`${childData} === undefined`;
      if (opts.useDefaults === "empty") {
        condition = (0, codegen_1._)`${condition} || ${childData} === null || ${childData} === ""`;
      }
      gen.if(condition, (0, codegen_1._)`${childData} = ${(0, codegen_1.stringify)(defaultValue)}`);
    }
  }
});

// node_modules/ajv/dist/vocabularies/code.js
var require_code2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/code.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateUnion = exports.validateArray = exports.usePattern = exports.callValidateCode = exports.schemaProperties = exports.allSchemaProperties = exports.noPropertyInData = exports.propertyInData = exports.isOwnProperty = exports.hasPropFunc = exports.reportMissingProp = exports.checkMissingProp = exports.checkReportMissingProp = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var names_1 = require_names();
    var util_2 = require_util();
    function checkReportMissingProp(cxt, prop) {
      const { gen, data, it: it2 } = cxt;
      gen.if(noPropertyInData(gen, data, prop, it2.opts.ownProperties), () => {
        cxt.setParams({ missingProperty: (0, codegen_1._)`${prop}` }, true);
        cxt.error();
      });
    }
    exports.checkReportMissingProp = checkReportMissingProp;
    function checkMissingProp({ gen, data, it: { opts } }, properties, missing) {
      return (0, codegen_1.or)(...properties.map((prop) => (0, codegen_1.and)(noPropertyInData(gen, data, prop, opts.ownProperties), (0, codegen_1._)`${missing} = ${prop}`)));
    }
    exports.checkMissingProp = checkMissingProp;
    function reportMissingProp(cxt, missing) {
      cxt.setParams({ missingProperty: missing }, true);
      cxt.error();
    }
    exports.reportMissingProp = reportMissingProp;
    function hasPropFunc(gen) {
      return gen.scopeValue("func", {
        // eslint-disable-next-line @typescript-eslint/unbound-method
        ref: Object.prototype.hasOwnProperty,
        code: (0, codegen_1._)`Object.prototype.hasOwnProperty`
      });
    }
    exports.hasPropFunc = hasPropFunc;
    function isOwnProperty(gen, data, property) {
      return (0, codegen_1._)`${hasPropFunc(gen)}.call(${data}, ${property})`;
    }
    exports.isOwnProperty = isOwnProperty;
    function propertyInData(gen, data, property, ownProperties) {
      const cond = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(property)} !== undefined`;
      return ownProperties ? (0, codegen_1._)`${cond} && ${isOwnProperty(gen, data, property)}` : cond;
    }
    exports.propertyInData = propertyInData;
    function noPropertyInData(gen, data, property, ownProperties) {
      const cond = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(property)} === undefined`;
      return ownProperties ? (0, codegen_1.or)(cond, (0, codegen_1.not)(isOwnProperty(gen, data, property))) : cond;
    }
    exports.noPropertyInData = noPropertyInData;
    function allSchemaProperties(schemaMap) {
      return schemaMap ? Object.keys(schemaMap).filter((p) => p !== "__proto__") : [];
    }
    exports.allSchemaProperties = allSchemaProperties;
    function schemaProperties(it2, schemaMap) {
      return allSchemaProperties(schemaMap).filter((p) => !(0, util_1.alwaysValidSchema)(it2, schemaMap[p]));
    }
    exports.schemaProperties = schemaProperties;
    function callValidateCode({ schemaCode, data, it: { gen, topSchemaRef, schemaPath, errorPath }, it: it2 }, func, context, passSchema) {
      const dataAndSchema = passSchema ? (0, codegen_1._)`${schemaCode}, ${data}, ${topSchemaRef}${schemaPath}` : data;
      const valCxt = [
        [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, errorPath)],
        [names_1.default.parentData, it2.parentData],
        [names_1.default.parentDataProperty, it2.parentDataProperty],
        [names_1.default.rootData, names_1.default.rootData]
      ];
      if (it2.opts.dynamicRef)
        valCxt.push([names_1.default.dynamicAnchors, names_1.default.dynamicAnchors]);
      const args = (0, codegen_1._)`${dataAndSchema}, ${gen.object(...valCxt)}`;
      return context !== codegen_1.nil ? (0, codegen_1._)`${func}.call(${context}, ${args})` : (0, codegen_1._)`${func}(${args})`;
    }
    exports.callValidateCode = callValidateCode;
    var newRegExp = (0, codegen_1._)`new RegExp`;
    function usePattern({ gen, it: { opts } }, pattern) {
      const u = opts.unicodeRegExp ? "u" : "";
      const { regExp } = opts.code;
      const rx = regExp(pattern, u);
      return gen.scopeValue("pattern", {
        key: rx.toString(),
        ref: rx,
        code: (0, codegen_1._)`${regExp.code === "new RegExp" ? newRegExp : (0, util_2.useFunc)(gen, regExp)}(${pattern}, ${u})`
      });
    }
    exports.usePattern = usePattern;
    function validateArray(cxt) {
      const { gen, data, keyword, it: it2 } = cxt;
      const valid = gen.name("valid");
      if (it2.allErrors) {
        const validArr = gen.let("valid", true);
        validateItems(() => gen.assign(validArr, false));
        return validArr;
      }
      gen.var(valid, true);
      validateItems(() => gen.break());
      return valid;
      function validateItems(notValid) {
        const len = gen.const("len", (0, codegen_1._)`${data}.length`);
        gen.forRange("i", 0, len, (i) => {
          cxt.subschema({
            keyword,
            dataProp: i,
            dataPropType: util_1.Type.Num
          }, valid);
          gen.if((0, codegen_1.not)(valid), notValid);
        });
      }
    }
    exports.validateArray = validateArray;
    function validateUnion(cxt) {
      const { gen, schema: schema2, keyword, it: it2 } = cxt;
      if (!Array.isArray(schema2))
        throw new Error("ajv implementation error");
      const alwaysValid = schema2.some((sch) => (0, util_1.alwaysValidSchema)(it2, sch));
      if (alwaysValid && !it2.opts.unevaluated)
        return;
      const valid = gen.let("valid", false);
      const schValid = gen.name("_valid");
      gen.block(() => schema2.forEach((_sch, i) => {
        const schCxt = cxt.subschema({
          keyword,
          schemaProp: i,
          compositeRule: true
        }, schValid);
        gen.assign(valid, (0, codegen_1._)`${valid} || ${schValid}`);
        const merged = cxt.mergeValidEvaluated(schCxt, schValid);
        if (!merged)
          gen.if((0, codegen_1.not)(valid));
      }));
      cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
    }
    exports.validateUnion = validateUnion;
  }
});

// node_modules/ajv/dist/compile/validate/keyword.js
var require_keyword = __commonJS({
  "node_modules/ajv/dist/compile/validate/keyword.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateKeywordUsage = exports.validSchemaType = exports.funcKeywordCode = exports.macroKeywordCode = void 0;
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var code_1 = require_code2();
    var errors_1 = require_errors();
    function macroKeywordCode(cxt, def) {
      const { gen, keyword, schema: schema2, parentSchema, it: it2 } = cxt;
      const macroSchema = def.macro.call(it2.self, schema2, parentSchema, it2);
      const schemaRef = useKeyword(gen, keyword, macroSchema);
      if (it2.opts.validateSchema !== false)
        it2.self.validateSchema(macroSchema, true);
      const valid = gen.name("valid");
      cxt.subschema({
        schema: macroSchema,
        schemaPath: codegen_1.nil,
        errSchemaPath: `${it2.errSchemaPath}/${keyword}`,
        topSchemaRef: schemaRef,
        compositeRule: true
      }, valid);
      cxt.pass(valid, () => cxt.error(true));
    }
    exports.macroKeywordCode = macroKeywordCode;
    function funcKeywordCode(cxt, def) {
      var _a2;
      const { gen, keyword, schema: schema2, parentSchema, $data, it: it2 } = cxt;
      checkAsyncKeyword(it2, def);
      const validate = !$data && def.compile ? def.compile.call(it2.self, schema2, parentSchema, it2) : def.validate;
      const validateRef = useKeyword(gen, keyword, validate);
      const valid = gen.let("valid");
      cxt.block$data(valid, validateKeyword);
      cxt.ok((_a2 = def.valid) !== null && _a2 !== void 0 ? _a2 : valid);
      function validateKeyword() {
        if (def.errors === false) {
          assignValid();
          if (def.modifying)
            modifyData(cxt);
          reportErrs(() => cxt.error());
        } else {
          const ruleErrs = def.async ? validateAsync() : validateSync();
          if (def.modifying)
            modifyData(cxt);
          reportErrs(() => addErrs(cxt, ruleErrs));
        }
      }
      function validateAsync() {
        const ruleErrs = gen.let("ruleErrs", null);
        gen.try(() => assignValid((0, codegen_1._)`await `), (e) => gen.assign(valid, false).if((0, codegen_1._)`${e} instanceof ${it2.ValidationError}`, () => gen.assign(ruleErrs, (0, codegen_1._)`${e}.errors`), () => gen.throw(e)));
        return ruleErrs;
      }
      function validateSync() {
        const validateErrs = (0, codegen_1._)`${validateRef}.errors`;
        gen.assign(validateErrs, null);
        assignValid(codegen_1.nil);
        return validateErrs;
      }
      function assignValid(_await = def.async ? (0, codegen_1._)`await ` : codegen_1.nil) {
        const passCxt = it2.opts.passContext ? names_1.default.this : names_1.default.self;
        const passSchema = !("compile" in def && !$data || def.schema === false);
        gen.assign(valid, (0, codegen_1._)`${_await}${(0, code_1.callValidateCode)(cxt, validateRef, passCxt, passSchema)}`, def.modifying);
      }
      function reportErrs(errors) {
        var _a3;
        gen.if((0, codegen_1.not)((_a3 = def.valid) !== null && _a3 !== void 0 ? _a3 : valid), errors);
      }
    }
    exports.funcKeywordCode = funcKeywordCode;
    function modifyData(cxt) {
      const { gen, data, it: it2 } = cxt;
      gen.if(it2.parentData, () => gen.assign(data, (0, codegen_1._)`${it2.parentData}[${it2.parentDataProperty}]`));
    }
    function addErrs(cxt, errs) {
      const { gen } = cxt;
      gen.if((0, codegen_1._)`Array.isArray(${errs})`, () => {
        gen.assign(names_1.default.vErrors, (0, codegen_1._)`${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`).assign(names_1.default.errors, (0, codegen_1._)`${names_1.default.vErrors}.length`);
        (0, errors_1.extendErrors)(cxt);
      }, () => cxt.error());
    }
    function checkAsyncKeyword({ schemaEnv }, def) {
      if (def.async && !schemaEnv.$async)
        throw new Error("async keyword in sync schema");
    }
    function useKeyword(gen, keyword, result) {
      if (result === void 0)
        throw new Error(`keyword "${keyword}" failed to compile`);
      return gen.scopeValue("keyword", typeof result == "function" ? { ref: result } : { ref: result, code: (0, codegen_1.stringify)(result) });
    }
    function validSchemaType(schema2, schemaType, allowUndefined = false) {
      return !schemaType.length || schemaType.some((st2) => st2 === "array" ? Array.isArray(schema2) : st2 === "object" ? schema2 && typeof schema2 == "object" && !Array.isArray(schema2) : typeof schema2 == st2 || allowUndefined && typeof schema2 == "undefined");
    }
    exports.validSchemaType = validSchemaType;
    function validateKeywordUsage({ schema: schema2, opts, self, errSchemaPath }, def, keyword) {
      if (Array.isArray(def.keyword) ? !def.keyword.includes(keyword) : def.keyword !== keyword) {
        throw new Error("ajv implementation error");
      }
      const deps = def.dependencies;
      if (deps === null || deps === void 0 ? void 0 : deps.some((kwd) => !Object.prototype.hasOwnProperty.call(schema2, kwd))) {
        throw new Error(`parent schema must have dependencies of ${keyword}: ${deps.join(",")}`);
      }
      if (def.validateSchema) {
        const valid = def.validateSchema(schema2[keyword]);
        if (!valid) {
          const msg = `keyword "${keyword}" value is invalid at path "${errSchemaPath}": ` + self.errorsText(def.validateSchema.errors);
          if (opts.validateSchema === "log")
            self.logger.error(msg);
          else
            throw new Error(msg);
        }
      }
    }
    exports.validateKeywordUsage = validateKeywordUsage;
  }
});

// node_modules/ajv/dist/compile/validate/subschema.js
var require_subschema = __commonJS({
  "node_modules/ajv/dist/compile/validate/subschema.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.extendSubschemaMode = exports.extendSubschemaData = exports.getSubschema = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    function getSubschema(it2, { keyword, schemaProp, schema: schema2, schemaPath, errSchemaPath, topSchemaRef }) {
      if (keyword !== void 0 && schema2 !== void 0) {
        throw new Error('both "keyword" and "schema" passed, only one allowed');
      }
      if (keyword !== void 0) {
        const sch = it2.schema[keyword];
        return schemaProp === void 0 ? {
          schema: sch,
          schemaPath: (0, codegen_1._)`${it2.schemaPath}${(0, codegen_1.getProperty)(keyword)}`,
          errSchemaPath: `${it2.errSchemaPath}/${keyword}`
        } : {
          schema: sch[schemaProp],
          schemaPath: (0, codegen_1._)`${it2.schemaPath}${(0, codegen_1.getProperty)(keyword)}${(0, codegen_1.getProperty)(schemaProp)}`,
          errSchemaPath: `${it2.errSchemaPath}/${keyword}/${(0, util_1.escapeFragment)(schemaProp)}`
        };
      }
      if (schema2 !== void 0) {
        if (schemaPath === void 0 || errSchemaPath === void 0 || topSchemaRef === void 0) {
          throw new Error('"schemaPath", "errSchemaPath" and "topSchemaRef" are required with "schema"');
        }
        return {
          schema: schema2,
          schemaPath,
          topSchemaRef,
          errSchemaPath
        };
      }
      throw new Error('either "keyword" or "schema" must be passed');
    }
    exports.getSubschema = getSubschema;
    function extendSubschemaData(subschema, it2, { dataProp, dataPropType: dpType, data, dataTypes, propertyName }) {
      if (data !== void 0 && dataProp !== void 0) {
        throw new Error('both "data" and "dataProp" passed, only one allowed');
      }
      const { gen } = it2;
      if (dataProp !== void 0) {
        const { errorPath, dataPathArr, opts } = it2;
        const nextData = gen.let("data", (0, codegen_1._)`${it2.data}${(0, codegen_1.getProperty)(dataProp)}`, true);
        dataContextProps(nextData);
        subschema.errorPath = (0, codegen_1.str)`${errorPath}${(0, util_1.getErrorPath)(dataProp, dpType, opts.jsPropertySyntax)}`;
        subschema.parentDataProperty = (0, codegen_1._)`${dataProp}`;
        subschema.dataPathArr = [...dataPathArr, subschema.parentDataProperty];
      }
      if (data !== void 0) {
        const nextData = data instanceof codegen_1.Name ? data : gen.let("data", data, true);
        dataContextProps(nextData);
        if (propertyName !== void 0)
          subschema.propertyName = propertyName;
      }
      if (dataTypes)
        subschema.dataTypes = dataTypes;
      function dataContextProps(_nextData) {
        subschema.data = _nextData;
        subschema.dataLevel = it2.dataLevel + 1;
        subschema.dataTypes = [];
        it2.definedProperties = /* @__PURE__ */ new Set();
        subschema.parentData = it2.data;
        subschema.dataNames = [...it2.dataNames, _nextData];
      }
    }
    exports.extendSubschemaData = extendSubschemaData;
    function extendSubschemaMode(subschema, { jtdDiscriminator, jtdMetadata, compositeRule, createErrors, allErrors }) {
      if (compositeRule !== void 0)
        subschema.compositeRule = compositeRule;
      if (createErrors !== void 0)
        subschema.createErrors = createErrors;
      if (allErrors !== void 0)
        subschema.allErrors = allErrors;
      subschema.jtdDiscriminator = jtdDiscriminator;
      subschema.jtdMetadata = jtdMetadata;
    }
    exports.extendSubschemaMode = extendSubschemaMode;
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

// node_modules/json-schema-traverse/index.js
var require_json_schema_traverse = __commonJS({
  "node_modules/json-schema-traverse/index.js"(exports, module) {
    "use strict";
    var traverse = module.exports = function(schema2, opts, cb) {
      if (typeof opts == "function") {
        cb = opts;
        opts = {};
      }
      cb = opts.cb || cb;
      var pre = typeof cb == "function" ? cb : cb.pre || function() {
      };
      var post = cb.post || function() {
      };
      _traverse(opts, pre, post, schema2, "", schema2);
    };
    traverse.keywords = {
      additionalItems: true,
      items: true,
      contains: true,
      additionalProperties: true,
      propertyNames: true,
      not: true,
      if: true,
      then: true,
      else: true
    };
    traverse.arrayKeywords = {
      items: true,
      allOf: true,
      anyOf: true,
      oneOf: true
    };
    traverse.propsKeywords = {
      $defs: true,
      definitions: true,
      properties: true,
      patternProperties: true,
      dependencies: true
    };
    traverse.skipKeywords = {
      default: true,
      enum: true,
      const: true,
      required: true,
      maximum: true,
      minimum: true,
      exclusiveMaximum: true,
      exclusiveMinimum: true,
      multipleOf: true,
      maxLength: true,
      minLength: true,
      pattern: true,
      format: true,
      maxItems: true,
      minItems: true,
      uniqueItems: true,
      maxProperties: true,
      minProperties: true
    };
    function _traverse(opts, pre, post, schema2, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex) {
      if (schema2 && typeof schema2 == "object" && !Array.isArray(schema2)) {
        pre(schema2, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
        for (var key3 in schema2) {
          var sch = schema2[key3];
          if (Array.isArray(sch)) {
            if (key3 in traverse.arrayKeywords) {
              for (var i = 0; i < sch.length; i++)
                _traverse(opts, pre, post, sch[i], jsonPtr + "/" + key3 + "/" + i, rootSchema, jsonPtr, key3, schema2, i);
            }
          } else if (key3 in traverse.propsKeywords) {
            if (sch && typeof sch == "object") {
              for (var prop in sch)
                _traverse(opts, pre, post, sch[prop], jsonPtr + "/" + key3 + "/" + escapeJsonPtr(prop), rootSchema, jsonPtr, key3, schema2, prop);
            }
          } else if (key3 in traverse.keywords || opts.allKeys && !(key3 in traverse.skipKeywords)) {
            _traverse(opts, pre, post, sch, jsonPtr + "/" + key3, rootSchema, jsonPtr, key3, schema2);
          }
        }
        post(schema2, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
      }
    }
    function escapeJsonPtr(str3) {
      return str3.replace(/~/g, "~0").replace(/\//g, "~1");
    }
  }
});

// node_modules/ajv/dist/compile/resolve.js
var require_resolve = __commonJS({
  "node_modules/ajv/dist/compile/resolve.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getSchemaRefs = exports.resolveUrl = exports.normalizeId = exports._getFullPath = exports.getFullPath = exports.inlineRef = void 0;
    var util_1 = require_util();
    var equal = require_fast_deep_equal();
    var traverse = require_json_schema_traverse();
    var SIMPLE_INLINED = /* @__PURE__ */ new Set([
      "type",
      "format",
      "pattern",
      "maxLength",
      "minLength",
      "maxProperties",
      "minProperties",
      "maxItems",
      "minItems",
      "maximum",
      "minimum",
      "uniqueItems",
      "multipleOf",
      "required",
      "enum",
      "const"
    ]);
    function inlineRef(schema2, limit = true) {
      if (typeof schema2 == "boolean")
        return true;
      if (limit === true)
        return !hasRef(schema2);
      if (!limit)
        return false;
      return countKeys(schema2) <= limit;
    }
    exports.inlineRef = inlineRef;
    var REF_KEYWORDS = /* @__PURE__ */ new Set([
      "$ref",
      "$recursiveRef",
      "$recursiveAnchor",
      "$dynamicRef",
      "$dynamicAnchor"
    ]);
    function hasRef(schema2) {
      for (const key3 in schema2) {
        if (REF_KEYWORDS.has(key3))
          return true;
        const sch = schema2[key3];
        if (Array.isArray(sch) && sch.some(hasRef))
          return true;
        if (typeof sch == "object" && hasRef(sch))
          return true;
      }
      return false;
    }
    function countKeys(schema2) {
      let count2 = 0;
      for (const key3 in schema2) {
        if (key3 === "$ref")
          return Infinity;
        count2++;
        if (SIMPLE_INLINED.has(key3))
          continue;
        if (typeof schema2[key3] == "object") {
          (0, util_1.eachItem)(schema2[key3], (sch) => count2 += countKeys(sch));
        }
        if (count2 === Infinity)
          return Infinity;
      }
      return count2;
    }
    function getFullPath(resolver, id = "", normalize) {
      if (normalize !== false)
        id = normalizeId(id);
      const p = resolver.parse(id);
      return _getFullPath(resolver, p);
    }
    exports.getFullPath = getFullPath;
    function _getFullPath(resolver, p) {
      const serialized = resolver.serialize(p);
      return serialized.split("#")[0] + "#";
    }
    exports._getFullPath = _getFullPath;
    var TRAILING_SLASH_HASH = /#\/?$/;
    function normalizeId(id) {
      return id ? id.replace(TRAILING_SLASH_HASH, "") : "";
    }
    exports.normalizeId = normalizeId;
    function resolveUrl(resolver, baseId, id) {
      id = normalizeId(id);
      return resolver.resolve(baseId, id);
    }
    exports.resolveUrl = resolveUrl;
    var ANCHOR = /^[a-z_][-a-z0-9._]*$/i;
    function getSchemaRefs(schema2, baseId) {
      if (typeof schema2 == "boolean")
        return {};
      const { schemaId, uriResolver } = this.opts;
      const schId = normalizeId(schema2[schemaId] || baseId);
      const baseIds = { "": schId };
      const pathPrefix = getFullPath(uriResolver, schId, false);
      const localRefs = {};
      const schemaRefs = /* @__PURE__ */ new Set();
      traverse(schema2, { allKeys: true }, (sch, jsonPtr, _2, parentJsonPtr) => {
        if (parentJsonPtr === void 0)
          return;
        const fullPath = pathPrefix + jsonPtr;
        let innerBaseId = baseIds[parentJsonPtr];
        if (typeof sch[schemaId] == "string")
          innerBaseId = addRef.call(this, sch[schemaId]);
        addAnchor.call(this, sch.$anchor);
        addAnchor.call(this, sch.$dynamicAnchor);
        baseIds[jsonPtr] = innerBaseId;
        function addRef(ref) {
          const _resolve = this.opts.uriResolver.resolve;
          ref = normalizeId(innerBaseId ? _resolve(innerBaseId, ref) : ref);
          if (schemaRefs.has(ref))
            throw ambiguos(ref);
          schemaRefs.add(ref);
          let schOrRef = this.refs[ref];
          if (typeof schOrRef == "string")
            schOrRef = this.refs[schOrRef];
          if (typeof schOrRef == "object") {
            checkAmbiguosRef(sch, schOrRef.schema, ref);
          } else if (ref !== normalizeId(fullPath)) {
            if (ref[0] === "#") {
              checkAmbiguosRef(sch, localRefs[ref], ref);
              localRefs[ref] = sch;
            } else {
              this.refs[ref] = fullPath;
            }
          }
          return ref;
        }
        function addAnchor(anchor) {
          if (typeof anchor == "string") {
            if (!ANCHOR.test(anchor))
              throw new Error(`invalid anchor "${anchor}"`);
            addRef.call(this, `#${anchor}`);
          }
        }
      });
      return localRefs;
      function checkAmbiguosRef(sch1, sch2, ref) {
        if (sch2 !== void 0 && !equal(sch1, sch2))
          throw ambiguos(ref);
      }
      function ambiguos(ref) {
        return new Error(`reference "${ref}" resolves to more than one schema`);
      }
    }
    exports.getSchemaRefs = getSchemaRefs;
  }
});

// node_modules/ajv/dist/compile/validate/index.js
var require_validate = __commonJS({
  "node_modules/ajv/dist/compile/validate/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getData = exports.KeywordCxt = exports.validateFunctionCode = void 0;
    var boolSchema_1 = require_boolSchema();
    var dataType_1 = require_dataType();
    var applicability_1 = require_applicability();
    var dataType_2 = require_dataType();
    var defaults_1 = require_defaults();
    var keyword_1 = require_keyword();
    var subschema_1 = require_subschema();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var resolve_1 = require_resolve();
    var util_1 = require_util();
    var errors_1 = require_errors();
    function validateFunctionCode(it2) {
      if (isSchemaObj(it2)) {
        checkKeywords(it2);
        if (schemaCxtHasRules(it2)) {
          topSchemaObjCode(it2);
          return;
        }
      }
      validateFunction(it2, () => (0, boolSchema_1.topBoolOrEmptySchema)(it2));
    }
    exports.validateFunctionCode = validateFunctionCode;
    function validateFunction({ gen, validateName, schema: schema2, schemaEnv, opts }, body) {
      if (opts.code.es5) {
        gen.func(validateName, (0, codegen_1._)`${names_1.default.data}, ${names_1.default.valCxt}`, schemaEnv.$async, () => {
          gen.code((0, codegen_1._)`"use strict"; ${funcSourceUrl(schema2, opts)}`);
          destructureValCxtES5(gen, opts);
          gen.code(body);
        });
      } else {
        gen.func(validateName, (0, codegen_1._)`${names_1.default.data}, ${destructureValCxt(opts)}`, schemaEnv.$async, () => gen.code(funcSourceUrl(schema2, opts)).code(body));
      }
    }
    function destructureValCxt(opts) {
      return (0, codegen_1._)`{${names_1.default.instancePath}="", ${names_1.default.parentData}, ${names_1.default.parentDataProperty}, ${names_1.default.rootData}=${names_1.default.data}${opts.dynamicRef ? (0, codegen_1._)`, ${names_1.default.dynamicAnchors}={}` : codegen_1.nil}}={}`;
    }
    function destructureValCxtES5(gen, opts) {
      gen.if(names_1.default.valCxt, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.instancePath}`);
        gen.var(names_1.default.parentData, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.parentData}`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.parentDataProperty}`);
        gen.var(names_1.default.rootData, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.rootData}`);
        if (opts.dynamicRef)
          gen.var(names_1.default.dynamicAnchors, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.dynamicAnchors}`);
      }, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._)`""`);
        gen.var(names_1.default.parentData, (0, codegen_1._)`undefined`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._)`undefined`);
        gen.var(names_1.default.rootData, names_1.default.data);
        if (opts.dynamicRef)
          gen.var(names_1.default.dynamicAnchors, (0, codegen_1._)`{}`);
      });
    }
    function topSchemaObjCode(it2) {
      const { schema: schema2, opts, gen } = it2;
      validateFunction(it2, () => {
        if (opts.$comment && schema2.$comment)
          commentKeyword(it2);
        checkNoDefault(it2);
        gen.let(names_1.default.vErrors, null);
        gen.let(names_1.default.errors, 0);
        if (opts.unevaluated)
          resetEvaluated(it2);
        typeAndKeywords(it2);
        returnResults(it2);
      });
      return;
    }
    function resetEvaluated(it2) {
      const { gen, validateName } = it2;
      it2.evaluated = gen.const("evaluated", (0, codegen_1._)`${validateName}.evaluated`);
      gen.if((0, codegen_1._)`${it2.evaluated}.dynamicProps`, () => gen.assign((0, codegen_1._)`${it2.evaluated}.props`, (0, codegen_1._)`undefined`));
      gen.if((0, codegen_1._)`${it2.evaluated}.dynamicItems`, () => gen.assign((0, codegen_1._)`${it2.evaluated}.items`, (0, codegen_1._)`undefined`));
    }
    function funcSourceUrl(schema2, opts) {
      const schId = typeof schema2 == "object" && schema2[opts.schemaId];
      return schId && (opts.code.source || opts.code.process) ? (0, codegen_1._)`/*# sourceURL=${schId} */` : codegen_1.nil;
    }
    function subschemaCode(it2, valid) {
      if (isSchemaObj(it2)) {
        checkKeywords(it2);
        if (schemaCxtHasRules(it2)) {
          subSchemaObjCode(it2, valid);
          return;
        }
      }
      (0, boolSchema_1.boolOrEmptySchema)(it2, valid);
    }
    function schemaCxtHasRules({ schema: schema2, self }) {
      if (typeof schema2 == "boolean")
        return !schema2;
      for (const key3 in schema2)
        if (self.RULES.all[key3])
          return true;
      return false;
    }
    function isSchemaObj(it2) {
      return typeof it2.schema != "boolean";
    }
    function subSchemaObjCode(it2, valid) {
      const { schema: schema2, gen, opts } = it2;
      if (opts.$comment && schema2.$comment)
        commentKeyword(it2);
      updateContext(it2);
      checkAsyncSchema(it2);
      const errsCount = gen.const("_errs", names_1.default.errors);
      typeAndKeywords(it2, errsCount);
      gen.var(valid, (0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
    }
    function checkKeywords(it2) {
      (0, util_1.checkUnknownRules)(it2);
      checkRefsAndKeywords(it2);
    }
    function typeAndKeywords(it2, errsCount) {
      if (it2.opts.jtd)
        return schemaKeywords(it2, [], false, errsCount);
      const types3 = (0, dataType_1.getSchemaTypes)(it2.schema);
      const checkedTypes = (0, dataType_1.coerceAndCheckDataType)(it2, types3);
      schemaKeywords(it2, types3, !checkedTypes, errsCount);
    }
    function checkRefsAndKeywords(it2) {
      const { schema: schema2, errSchemaPath, opts, self } = it2;
      if (schema2.$ref && opts.ignoreKeywordsWithRef && (0, util_1.schemaHasRulesButRef)(schema2, self.RULES)) {
        self.logger.warn(`$ref: keywords ignored in schema at path "${errSchemaPath}"`);
      }
    }
    function checkNoDefault(it2) {
      const { schema: schema2, opts } = it2;
      if (schema2.default !== void 0 && opts.useDefaults && opts.strictSchema) {
        (0, util_1.checkStrictMode)(it2, "default is ignored in the schema root");
      }
    }
    function updateContext(it2) {
      const schId = it2.schema[it2.opts.schemaId];
      if (schId)
        it2.baseId = (0, resolve_1.resolveUrl)(it2.opts.uriResolver, it2.baseId, schId);
    }
    function checkAsyncSchema(it2) {
      if (it2.schema.$async && !it2.schemaEnv.$async)
        throw new Error("async schema in sync schema");
    }
    function commentKeyword({ gen, schemaEnv, schema: schema2, errSchemaPath, opts }) {
      const msg = schema2.$comment;
      if (opts.$comment === true) {
        gen.code((0, codegen_1._)`${names_1.default.self}.logger.log(${msg})`);
      } else if (typeof opts.$comment == "function") {
        const schemaPath = (0, codegen_1.str)`${errSchemaPath}/$comment`;
        const rootName = gen.scopeValue("root", { ref: schemaEnv.root });
        gen.code((0, codegen_1._)`${names_1.default.self}.opts.$comment(${msg}, ${schemaPath}, ${rootName}.schema)`);
      }
    }
    function returnResults(it2) {
      const { gen, schemaEnv, validateName, ValidationError, opts } = it2;
      if (schemaEnv.$async) {
        gen.if((0, codegen_1._)`${names_1.default.errors} === 0`, () => gen.return(names_1.default.data), () => gen.throw((0, codegen_1._)`new ${ValidationError}(${names_1.default.vErrors})`));
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, names_1.default.vErrors);
        if (opts.unevaluated)
          assignEvaluated(it2);
        gen.return((0, codegen_1._)`${names_1.default.errors} === 0`);
      }
    }
    function assignEvaluated({ gen, evaluated, props, items }) {
      if (props instanceof codegen_1.Name)
        gen.assign((0, codegen_1._)`${evaluated}.props`, props);
      if (items instanceof codegen_1.Name)
        gen.assign((0, codegen_1._)`${evaluated}.items`, items);
    }
    function schemaKeywords(it2, types3, typeErrors, errsCount) {
      const { gen, schema: schema2, data, allErrors, opts, self } = it2;
      const { RULES } = self;
      if (schema2.$ref && (opts.ignoreKeywordsWithRef || !(0, util_1.schemaHasRulesButRef)(schema2, RULES))) {
        gen.block(() => keywordCode(it2, "$ref", RULES.all.$ref.definition));
        return;
      }
      if (!opts.jtd)
        checkStrictTypes(it2, types3);
      gen.block(() => {
        for (const group of RULES.rules)
          groupKeywords(group);
        groupKeywords(RULES.post);
      });
      function groupKeywords(group) {
        if (!(0, applicability_1.shouldUseGroup)(schema2, group))
          return;
        if (group.type) {
          gen.if((0, dataType_2.checkDataType)(group.type, data, opts.strictNumbers));
          iterateKeywords(it2, group);
          if (types3.length === 1 && types3[0] === group.type && typeErrors) {
            gen.else();
            (0, dataType_2.reportTypeError)(it2);
          }
          gen.endIf();
        } else {
          iterateKeywords(it2, group);
        }
        if (!allErrors)
          gen.if((0, codegen_1._)`${names_1.default.errors} === ${errsCount || 0}`);
      }
    }
    function iterateKeywords(it2, group) {
      const { gen, schema: schema2, opts: { useDefaults } } = it2;
      if (useDefaults)
        (0, defaults_1.assignDefaults)(it2, group.type);
      gen.block(() => {
        for (const rule of group.rules) {
          if ((0, applicability_1.shouldUseRule)(schema2, rule)) {
            keywordCode(it2, rule.keyword, rule.definition, group.type);
          }
        }
      });
    }
    function checkStrictTypes(it2, types3) {
      if (it2.schemaEnv.meta || !it2.opts.strictTypes)
        return;
      checkContextTypes(it2, types3);
      if (!it2.opts.allowUnionTypes)
        checkMultipleTypes(it2, types3);
      checkKeywordTypes(it2, it2.dataTypes);
    }
    function checkContextTypes(it2, types3) {
      if (!types3.length)
        return;
      if (!it2.dataTypes.length) {
        it2.dataTypes = types3;
        return;
      }
      types3.forEach((t) => {
        if (!includesType(it2.dataTypes, t)) {
          strictTypesError(it2, `type "${t}" not allowed by context "${it2.dataTypes.join(",")}"`);
        }
      });
      narrowSchemaTypes(it2, types3);
    }
    function checkMultipleTypes(it2, ts2) {
      if (ts2.length > 1 && !(ts2.length === 2 && ts2.includes("null"))) {
        strictTypesError(it2, "use allowUnionTypes to allow union type keyword");
      }
    }
    function checkKeywordTypes(it2, ts2) {
      const rules2 = it2.self.RULES.all;
      for (const keyword in rules2) {
        const rule = rules2[keyword];
        if (typeof rule == "object" && (0, applicability_1.shouldUseRule)(it2.schema, rule)) {
          const { type: type2 } = rule.definition;
          if (type2.length && !type2.some((t) => hasApplicableType(ts2, t))) {
            strictTypesError(it2, `missing type "${type2.join(",")}" for keyword "${keyword}"`);
          }
        }
      }
    }
    function hasApplicableType(schTs, kwdT) {
      return schTs.includes(kwdT) || kwdT === "number" && schTs.includes("integer");
    }
    function includesType(ts2, t) {
      return ts2.includes(t) || t === "integer" && ts2.includes("number");
    }
    function narrowSchemaTypes(it2, withTypes) {
      const ts2 = [];
      for (const t of it2.dataTypes) {
        if (includesType(withTypes, t))
          ts2.push(t);
        else if (withTypes.includes("integer") && t === "number")
          ts2.push("integer");
      }
      it2.dataTypes = ts2;
    }
    function strictTypesError(it2, msg) {
      const schemaPath = it2.schemaEnv.baseId + it2.errSchemaPath;
      msg += ` at "${schemaPath}" (strictTypes)`;
      (0, util_1.checkStrictMode)(it2, msg, it2.opts.strictTypes);
    }
    var KeywordCxt = class {
      constructor(it2, def, keyword) {
        (0, keyword_1.validateKeywordUsage)(it2, def, keyword);
        this.gen = it2.gen;
        this.allErrors = it2.allErrors;
        this.keyword = keyword;
        this.data = it2.data;
        this.schema = it2.schema[keyword];
        this.$data = def.$data && it2.opts.$data && this.schema && this.schema.$data;
        this.schemaValue = (0, util_1.schemaRefOrVal)(it2, this.schema, keyword, this.$data);
        this.schemaType = def.schemaType;
        this.parentSchema = it2.schema;
        this.params = {};
        this.it = it2;
        this.def = def;
        if (this.$data) {
          this.schemaCode = it2.gen.const("vSchema", getData(this.$data, it2));
        } else {
          this.schemaCode = this.schemaValue;
          if (!(0, keyword_1.validSchemaType)(this.schema, def.schemaType, def.allowUndefined)) {
            throw new Error(`${keyword} value must be ${JSON.stringify(def.schemaType)}`);
          }
        }
        if ("code" in def ? def.trackErrors : def.errors !== false) {
          this.errsCount = it2.gen.const("_errs", names_1.default.errors);
        }
      }
      result(condition, successAction, failAction) {
        this.failResult((0, codegen_1.not)(condition), successAction, failAction);
      }
      failResult(condition, successAction, failAction) {
        this.gen.if(condition);
        if (failAction)
          failAction();
        else
          this.error();
        if (successAction) {
          this.gen.else();
          successAction();
          if (this.allErrors)
            this.gen.endIf();
        } else {
          if (this.allErrors)
            this.gen.endIf();
          else
            this.gen.else();
        }
      }
      pass(condition, failAction) {
        this.failResult((0, codegen_1.not)(condition), void 0, failAction);
      }
      fail(condition) {
        if (condition === void 0) {
          this.error();
          if (!this.allErrors)
            this.gen.if(false);
          return;
        }
        this.gen.if(condition);
        this.error();
        if (this.allErrors)
          this.gen.endIf();
        else
          this.gen.else();
      }
      fail$data(condition) {
        if (!this.$data)
          return this.fail(condition);
        const { schemaCode } = this;
        this.fail((0, codegen_1._)`${schemaCode} !== undefined && (${(0, codegen_1.or)(this.invalid$data(), condition)})`);
      }
      error(append, errorParams, errorPaths) {
        if (errorParams) {
          this.setParams(errorParams);
          this._error(append, errorPaths);
          this.setParams({});
          return;
        }
        this._error(append, errorPaths);
      }
      _error(append, errorPaths) {
        ;
        (append ? errors_1.reportExtraError : errors_1.reportError)(this, this.def.error, errorPaths);
      }
      $dataError() {
        (0, errors_1.reportError)(this, this.def.$dataError || errors_1.keyword$DataError);
      }
      reset() {
        if (this.errsCount === void 0)
          throw new Error('add "trackErrors" to keyword definition');
        (0, errors_1.resetErrorsCount)(this.gen, this.errsCount);
      }
      ok(cond) {
        if (!this.allErrors)
          this.gen.if(cond);
      }
      setParams(obj, assign) {
        if (assign)
          Object.assign(this.params, obj);
        else
          this.params = obj;
      }
      block$data(valid, codeBlock, $dataValid = codegen_1.nil) {
        this.gen.block(() => {
          this.check$data(valid, $dataValid);
          codeBlock();
        });
      }
      check$data(valid = codegen_1.nil, $dataValid = codegen_1.nil) {
        if (!this.$data)
          return;
        const { gen, schemaCode, schemaType, def } = this;
        gen.if((0, codegen_1.or)((0, codegen_1._)`${schemaCode} === undefined`, $dataValid));
        if (valid !== codegen_1.nil)
          gen.assign(valid, true);
        if (schemaType.length || def.validateSchema) {
          gen.elseIf(this.invalid$data());
          this.$dataError();
          if (valid !== codegen_1.nil)
            gen.assign(valid, false);
        }
        gen.else();
      }
      invalid$data() {
        const { gen, schemaCode, schemaType, def, it: it2 } = this;
        return (0, codegen_1.or)(wrong$DataType(), invalid$DataSchema());
        function wrong$DataType() {
          if (schemaType.length) {
            if (!(schemaCode instanceof codegen_1.Name))
              throw new Error("ajv implementation error");
            const st2 = Array.isArray(schemaType) ? schemaType : [schemaType];
            return (0, codegen_1._)`${(0, dataType_2.checkDataTypes)(st2, schemaCode, it2.opts.strictNumbers, dataType_2.DataType.Wrong)}`;
          }
          return codegen_1.nil;
        }
        function invalid$DataSchema() {
          if (def.validateSchema) {
            const validateSchemaRef = gen.scopeValue("validate$data", { ref: def.validateSchema });
            return (0, codegen_1._)`!${validateSchemaRef}(${schemaCode})`;
          }
          return codegen_1.nil;
        }
      }
      subschema(appl, valid) {
        const subschema = (0, subschema_1.getSubschema)(this.it, appl);
        (0, subschema_1.extendSubschemaData)(subschema, this.it, appl);
        (0, subschema_1.extendSubschemaMode)(subschema, appl);
        const nextContext = { ...this.it, ...subschema, items: void 0, props: void 0 };
        subschemaCode(nextContext, valid);
        return nextContext;
      }
      mergeEvaluated(schemaCxt, toName) {
        const { it: it2, gen } = this;
        if (!it2.opts.unevaluated)
          return;
        if (it2.props !== true && schemaCxt.props !== void 0) {
          it2.props = util_1.mergeEvaluated.props(gen, schemaCxt.props, it2.props, toName);
        }
        if (it2.items !== true && schemaCxt.items !== void 0) {
          it2.items = util_1.mergeEvaluated.items(gen, schemaCxt.items, it2.items, toName);
        }
      }
      mergeValidEvaluated(schemaCxt, valid) {
        const { it: it2, gen } = this;
        if (it2.opts.unevaluated && (it2.props !== true || it2.items !== true)) {
          gen.if(valid, () => this.mergeEvaluated(schemaCxt, codegen_1.Name));
          return true;
        }
      }
    };
    exports.KeywordCxt = KeywordCxt;
    function keywordCode(it2, keyword, def, ruleType) {
      const cxt = new KeywordCxt(it2, def, keyword);
      if ("code" in def) {
        def.code(cxt, ruleType);
      } else if (cxt.$data && def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
      } else if ("macro" in def) {
        (0, keyword_1.macroKeywordCode)(cxt, def);
      } else if (def.compile || def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
      }
    }
    var JSON_POINTER = /^\/(?:[^~]|~0|~1)*$/;
    var RELATIVE_JSON_POINTER = /^([0-9]+)(#|\/(?:[^~]|~0|~1)*)?$/;
    function getData($data, { dataLevel, dataNames, dataPathArr }) {
      let jsonPointer;
      let data;
      if ($data === "")
        return names_1.default.rootData;
      if ($data[0] === "/") {
        if (!JSON_POINTER.test($data))
          throw new Error(`Invalid JSON-pointer: ${$data}`);
        jsonPointer = $data;
        data = names_1.default.rootData;
      } else {
        const matches2 = RELATIVE_JSON_POINTER.exec($data);
        if (!matches2)
          throw new Error(`Invalid JSON-pointer: ${$data}`);
        const up = +matches2[1];
        jsonPointer = matches2[2];
        if (jsonPointer === "#") {
          if (up >= dataLevel)
            throw new Error(errorMsg("property/index", up));
          return dataPathArr[dataLevel - up];
        }
        if (up > dataLevel)
          throw new Error(errorMsg("data", up));
        data = dataNames[dataLevel - up];
        if (!jsonPointer)
          return data;
      }
      let expr = data;
      const segments = jsonPointer.split("/");
      for (const segment of segments) {
        if (segment) {
          data = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)((0, util_1.unescapeJsonPointer)(segment))}`;
          expr = (0, codegen_1._)`${expr} && ${data}`;
        }
      }
      return expr;
      function errorMsg(pointerType, up) {
        return `Cannot access ${pointerType} ${up} levels up, current level is ${dataLevel}`;
      }
    }
    exports.getData = getData;
  }
});

// node_modules/ajv/dist/runtime/validation_error.js
var require_validation_error = __commonJS({
  "node_modules/ajv/dist/runtime/validation_error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var ValidationError = class extends Error {
      constructor(errors) {
        super("validation failed");
        this.errors = errors;
        this.ajv = this.validation = true;
      }
    };
    exports.default = ValidationError;
  }
});

// node_modules/ajv/dist/compile/ref_error.js
var require_ref_error = __commonJS({
  "node_modules/ajv/dist/compile/ref_error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var resolve_1 = require_resolve();
    var MissingRefError = class extends Error {
      constructor(resolver, baseId, ref, msg) {
        super(msg || `can't resolve reference ${ref} from id ${baseId}`);
        this.missingRef = (0, resolve_1.resolveUrl)(resolver, baseId, ref);
        this.missingSchema = (0, resolve_1.normalizeId)((0, resolve_1.getFullPath)(resolver, this.missingRef));
      }
    };
    exports.default = MissingRefError;
  }
});

// node_modules/ajv/dist/compile/index.js
var require_compile = __commonJS({
  "node_modules/ajv/dist/compile/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.resolveSchema = exports.getCompilingSchema = exports.resolveRef = exports.compileSchema = exports.SchemaEnv = void 0;
    var codegen_1 = require_codegen();
    var validation_error_1 = require_validation_error();
    var names_1 = require_names();
    var resolve_1 = require_resolve();
    var util_1 = require_util();
    var validate_1 = require_validate();
    var SchemaEnv = class {
      constructor(env) {
        var _a2;
        this.refs = {};
        this.dynamicAnchors = {};
        let schema2;
        if (typeof env.schema == "object")
          schema2 = env.schema;
        this.schema = env.schema;
        this.schemaId = env.schemaId;
        this.root = env.root || this;
        this.baseId = (_a2 = env.baseId) !== null && _a2 !== void 0 ? _a2 : (0, resolve_1.normalizeId)(schema2 === null || schema2 === void 0 ? void 0 : schema2[env.schemaId || "$id"]);
        this.schemaPath = env.schemaPath;
        this.localRefs = env.localRefs;
        this.meta = env.meta;
        this.$async = schema2 === null || schema2 === void 0 ? void 0 : schema2.$async;
        this.refs = {};
      }
    };
    exports.SchemaEnv = SchemaEnv;
    function compileSchema(sch) {
      const _sch = getCompilingSchema.call(this, sch);
      if (_sch)
        return _sch;
      const rootId = (0, resolve_1.getFullPath)(this.opts.uriResolver, sch.root.baseId);
      const { es5, lines } = this.opts.code;
      const { ownProperties } = this.opts;
      const gen = new codegen_1.CodeGen(this.scope, { es5, lines, ownProperties });
      let _ValidationError;
      if (sch.$async) {
        _ValidationError = gen.scopeValue("Error", {
          ref: validation_error_1.default,
          code: (0, codegen_1._)`require("ajv/dist/runtime/validation_error").default`
        });
      }
      const validateName = gen.scopeName("validate");
      sch.validateName = validateName;
      const schemaCxt = {
        gen,
        allErrors: this.opts.allErrors,
        data: names_1.default.data,
        parentData: names_1.default.parentData,
        parentDataProperty: names_1.default.parentDataProperty,
        dataNames: [names_1.default.data],
        dataPathArr: [codegen_1.nil],
        // TODO can its length be used as dataLevel if nil is removed?
        dataLevel: 0,
        dataTypes: [],
        definedProperties: /* @__PURE__ */ new Set(),
        topSchemaRef: gen.scopeValue("schema", this.opts.code.source === true ? { ref: sch.schema, code: (0, codegen_1.stringify)(sch.schema) } : { ref: sch.schema }),
        validateName,
        ValidationError: _ValidationError,
        schema: sch.schema,
        schemaEnv: sch,
        rootId,
        baseId: sch.baseId || rootId,
        schemaPath: codegen_1.nil,
        errSchemaPath: sch.schemaPath || (this.opts.jtd ? "" : "#"),
        errorPath: (0, codegen_1._)`""`,
        opts: this.opts,
        self: this
      };
      let sourceCode;
      try {
        this._compilations.add(sch);
        (0, validate_1.validateFunctionCode)(schemaCxt);
        gen.optimize(this.opts.code.optimize);
        const validateCode = gen.toString();
        sourceCode = `${gen.scopeRefs(names_1.default.scope)}return ${validateCode}`;
        if (this.opts.code.process)
          sourceCode = this.opts.code.process(sourceCode, sch);
        const makeValidate = new Function(`${names_1.default.self}`, `${names_1.default.scope}`, sourceCode);
        const validate = makeValidate(this, this.scope.get());
        this.scope.value(validateName, { ref: validate });
        validate.errors = null;
        validate.schema = sch.schema;
        validate.schemaEnv = sch;
        if (sch.$async)
          validate.$async = true;
        if (this.opts.code.source === true) {
          validate.source = { validateName, validateCode, scopeValues: gen._values };
        }
        if (this.opts.unevaluated) {
          const { props, items } = schemaCxt;
          validate.evaluated = {
            props: props instanceof codegen_1.Name ? void 0 : props,
            items: items instanceof codegen_1.Name ? void 0 : items,
            dynamicProps: props instanceof codegen_1.Name,
            dynamicItems: items instanceof codegen_1.Name
          };
          if (validate.source)
            validate.source.evaluated = (0, codegen_1.stringify)(validate.evaluated);
        }
        sch.validate = validate;
        return sch;
      } catch (e) {
        delete sch.validate;
        delete sch.validateName;
        if (sourceCode)
          this.logger.error("Error compiling schema, function code:", sourceCode);
        throw e;
      } finally {
        this._compilations.delete(sch);
      }
    }
    exports.compileSchema = compileSchema;
    function resolveRef(root, baseId, ref) {
      var _a2;
      ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, ref);
      const schOrFunc = root.refs[ref];
      if (schOrFunc)
        return schOrFunc;
      let _sch = resolve.call(this, root, ref);
      if (_sch === void 0) {
        const schema2 = (_a2 = root.localRefs) === null || _a2 === void 0 ? void 0 : _a2[ref];
        const { schemaId } = this.opts;
        if (schema2)
          _sch = new SchemaEnv({ schema: schema2, schemaId, root, baseId });
      }
      if (_sch === void 0)
        return;
      return root.refs[ref] = inlineOrCompile.call(this, _sch);
    }
    exports.resolveRef = resolveRef;
    function inlineOrCompile(sch) {
      if ((0, resolve_1.inlineRef)(sch.schema, this.opts.inlineRefs))
        return sch.schema;
      return sch.validate ? sch : compileSchema.call(this, sch);
    }
    function getCompilingSchema(schEnv) {
      for (const sch of this._compilations) {
        if (sameSchemaEnv(sch, schEnv))
          return sch;
      }
    }
    exports.getCompilingSchema = getCompilingSchema;
    function sameSchemaEnv(s1, s2) {
      return s1.schema === s2.schema && s1.root === s2.root && s1.baseId === s2.baseId;
    }
    function resolve(root, ref) {
      let sch;
      while (typeof (sch = this.refs[ref]) == "string")
        ref = sch;
      return sch || this.schemas[ref] || resolveSchema.call(this, root, ref);
    }
    function resolveSchema(root, ref) {
      const p = this.opts.uriResolver.parse(ref);
      const refPath = (0, resolve_1._getFullPath)(this.opts.uriResolver, p);
      let baseId = (0, resolve_1.getFullPath)(this.opts.uriResolver, root.baseId, void 0);
      if (Object.keys(root.schema).length > 0 && refPath === baseId) {
        return getJsonPointer.call(this, p, root);
      }
      const id = (0, resolve_1.normalizeId)(refPath);
      const schOrRef = this.refs[id] || this.schemas[id];
      if (typeof schOrRef == "string") {
        const sch = resolveSchema.call(this, root, schOrRef);
        if (typeof (sch === null || sch === void 0 ? void 0 : sch.schema) !== "object")
          return;
        return getJsonPointer.call(this, p, sch);
      }
      if (typeof (schOrRef === null || schOrRef === void 0 ? void 0 : schOrRef.schema) !== "object")
        return;
      if (!schOrRef.validate)
        compileSchema.call(this, schOrRef);
      if (id === (0, resolve_1.normalizeId)(ref)) {
        const { schema: schema2 } = schOrRef;
        const { schemaId } = this.opts;
        const schId = schema2[schemaId];
        if (schId)
          baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        return new SchemaEnv({ schema: schema2, schemaId, root, baseId });
      }
      return getJsonPointer.call(this, p, schOrRef);
    }
    exports.resolveSchema = resolveSchema;
    var PREVENT_SCOPE_CHANGE = /* @__PURE__ */ new Set([
      "properties",
      "patternProperties",
      "enum",
      "dependencies",
      "definitions"
    ]);
    function getJsonPointer(parsedRef, { baseId, schema: schema2, root }) {
      var _a2;
      if (((_a2 = parsedRef.fragment) === null || _a2 === void 0 ? void 0 : _a2[0]) !== "/")
        return;
      for (const part of parsedRef.fragment.slice(1).split("/")) {
        if (typeof schema2 === "boolean")
          return;
        const partSchema = schema2[(0, util_1.unescapeFragment)(part)];
        if (partSchema === void 0)
          return;
        schema2 = partSchema;
        const schId = typeof schema2 === "object" && schema2[this.opts.schemaId];
        if (!PREVENT_SCOPE_CHANGE.has(part) && schId) {
          baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        }
      }
      let env;
      if (typeof schema2 != "boolean" && schema2.$ref && !(0, util_1.schemaHasRulesButRef)(schema2, this.RULES)) {
        const $ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schema2.$ref);
        env = resolveSchema.call(this, root, $ref);
      }
      const { schemaId } = this.opts;
      env = env || new SchemaEnv({ schema: schema2, schemaId, root, baseId });
      if (env.schema !== env.root.schema)
        return env;
      return void 0;
    }
  }
});

// node_modules/ajv/dist/refs/data.json
var require_data = __commonJS({
  "node_modules/ajv/dist/refs/data.json"(exports, module) {
    module.exports = {
      $id: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#",
      description: "Meta-schema for $data reference (JSON AnySchema extension proposal)",
      type: "object",
      required: ["$data"],
      properties: {
        $data: {
          type: "string",
          anyOf: [{ format: "relative-json-pointer" }, { format: "json-pointer" }]
        }
      },
      additionalProperties: false
    };
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
    function removeDotSegments(path11) {
      let input = path11;
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
    function removeDotSegmentsRelative(path11) {
      if (path11 === "" || path11[0] === "/") {
        return removeDotSegments(path11);
      }
      const segments = path11.split("/");
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
      const re2 = isIP3 ? HOST_DELIM_NO_COLON_RE : HOST_DELIM_RE;
      re2.lastIndex = 0;
      return host.replace(re2, (ch) => HOST_DELIMS[ch]);
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
        const path11 = queryIndex === -1 ? wsComponent.resourceName : wsComponent.resourceName.slice(0, queryIndex);
        wsComponent.path = path11 && path11 !== "/" ? path11 : void 0;
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
    var ws2 = (
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
        domainHost: ws2.domainHost,
        parse: ws2.parse,
        serialize: ws2.serialize
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
        ws: ws2,
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
        const region2 = introducerMatch[1];
        const normalizedRegion = region2.replace(/[\t\n\r]/g, "");
        if (normalizedRegion.length >= 2) {
          if (normalizedRegion.slice(0, 2) !== "//") {
            parsed.error = parsed.error || "URI authority must not contain a literal backslash.";
            malformedAuthorityOrPort = true;
          } else if (region2.length !== normalizedRegion.length) {
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

// node_modules/ajv/dist/core.js
var require_core = __commonJS({
  "node_modules/ajv/dist/core.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = void 0;
    var validate_1 = require_validate();
    Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function() {
      return validate_1.KeywordCxt;
    } });
    var codegen_1 = require_codegen();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return codegen_1._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return codegen_1.str;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return codegen_1.stringify;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return codegen_1.nil;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return codegen_1.Name;
    } });
    Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function() {
      return codegen_1.CodeGen;
    } });
    var validation_error_1 = require_validation_error();
    var ref_error_1 = require_ref_error();
    var rules_1 = require_rules();
    var compile_1 = require_compile();
    var codegen_2 = require_codegen();
    var resolve_1 = require_resolve();
    var dataType_1 = require_dataType();
    var util_1 = require_util();
    var $dataRefSchema = require_data();
    var uri_1 = require_uri();
    var defaultRegExp = (str3, flags) => new RegExp(str3, flags);
    defaultRegExp.code = "new RegExp";
    var META_IGNORE_OPTIONS = ["removeAdditional", "useDefaults", "coerceTypes"];
    var EXT_SCOPE_NAMES = /* @__PURE__ */ new Set([
      "validate",
      "serialize",
      "parse",
      "wrapper",
      "root",
      "schema",
      "keyword",
      "pattern",
      "formats",
      "validate$data",
      "func",
      "obj",
      "Error"
    ]);
    var removedOptions = {
      errorDataPath: "",
      format: "`validateFormats: false` can be used instead.",
      nullable: '"nullable" keyword is supported by default.',
      jsonPointers: "Deprecated jsPropertySyntax can be used instead.",
      extendRefs: "Deprecated ignoreKeywordsWithRef can be used instead.",
      missingRefs: "Pass empty schema with $id that should be ignored to ajv.addSchema.",
      processCode: "Use option `code: {process: (code, schemaEnv: object) => string}`",
      sourceCode: "Use option `code: {source: true}`",
      strictDefaults: "It is default now, see option `strict`.",
      strictKeywords: "It is default now, see option `strict`.",
      uniqueItems: '"uniqueItems" keyword is always validated.',
      unknownFormats: "Disable strict mode or pass `true` to `ajv.addFormat` (or `formats` option).",
      cache: "Map is used as cache, schema object as key.",
      serialize: "Map is used as cache, schema object as key.",
      ajvErrors: "It is default now."
    };
    var deprecatedOptions = {
      ignoreKeywordsWithRef: "",
      jsPropertySyntax: "",
      unicode: '"minLength"/"maxLength" account for unicode characters by default.'
    };
    var MAX_EXPRESSION = 200;
    function requiredOptions(o) {
      var _a2, _b, _c, _d, _e2, _f, _g, _h, _j, _k, _l, _m, _o, _p, _q, _r, _s2, _t2, _u, _v, _w, _x, _y, _z, _0;
      const s = o.strict;
      const _optz = (_a2 = o.code) === null || _a2 === void 0 ? void 0 : _a2.optimize;
      const optimize = _optz === true || _optz === void 0 ? 1 : _optz || 0;
      const regExp = (_c = (_b = o.code) === null || _b === void 0 ? void 0 : _b.regExp) !== null && _c !== void 0 ? _c : defaultRegExp;
      const uriResolver = (_d = o.uriResolver) !== null && _d !== void 0 ? _d : uri_1.default;
      return {
        strictSchema: (_f = (_e2 = o.strictSchema) !== null && _e2 !== void 0 ? _e2 : s) !== null && _f !== void 0 ? _f : true,
        strictNumbers: (_h = (_g = o.strictNumbers) !== null && _g !== void 0 ? _g : s) !== null && _h !== void 0 ? _h : true,
        strictTypes: (_k = (_j = o.strictTypes) !== null && _j !== void 0 ? _j : s) !== null && _k !== void 0 ? _k : "log",
        strictTuples: (_m = (_l = o.strictTuples) !== null && _l !== void 0 ? _l : s) !== null && _m !== void 0 ? _m : "log",
        strictRequired: (_p = (_o = o.strictRequired) !== null && _o !== void 0 ? _o : s) !== null && _p !== void 0 ? _p : false,
        code: o.code ? { ...o.code, optimize, regExp } : { optimize, regExp },
        loopRequired: (_q = o.loopRequired) !== null && _q !== void 0 ? _q : MAX_EXPRESSION,
        loopEnum: (_r = o.loopEnum) !== null && _r !== void 0 ? _r : MAX_EXPRESSION,
        meta: (_s2 = o.meta) !== null && _s2 !== void 0 ? _s2 : true,
        messages: (_t2 = o.messages) !== null && _t2 !== void 0 ? _t2 : true,
        inlineRefs: (_u = o.inlineRefs) !== null && _u !== void 0 ? _u : true,
        schemaId: (_v = o.schemaId) !== null && _v !== void 0 ? _v : "$id",
        addUsedSchema: (_w = o.addUsedSchema) !== null && _w !== void 0 ? _w : true,
        validateSchema: (_x = o.validateSchema) !== null && _x !== void 0 ? _x : true,
        validateFormats: (_y = o.validateFormats) !== null && _y !== void 0 ? _y : true,
        unicodeRegExp: (_z = o.unicodeRegExp) !== null && _z !== void 0 ? _z : true,
        int32range: (_0 = o.int32range) !== null && _0 !== void 0 ? _0 : true,
        uriResolver
      };
    }
    var Ajv2 = class {
      constructor(opts = {}) {
        this.schemas = {};
        this.refs = {};
        this.formats = /* @__PURE__ */ Object.create(null);
        this._compilations = /* @__PURE__ */ new Set();
        this._loading = {};
        this._cache = /* @__PURE__ */ new Map();
        opts = this.opts = { ...opts, ...requiredOptions(opts) };
        const { es5, lines } = this.opts.code;
        this.scope = new codegen_2.ValueScope({ scope: {}, prefixes: EXT_SCOPE_NAMES, es5, lines });
        this.logger = getLogger(opts.logger);
        const formatOpt = opts.validateFormats;
        opts.validateFormats = false;
        this.RULES = (0, rules_1.getRules)();
        checkOptions.call(this, removedOptions, opts, "NOT SUPPORTED");
        checkOptions.call(this, deprecatedOptions, opts, "DEPRECATED", "warn");
        this._metaOpts = getMetaSchemaOptions.call(this);
        if (opts.formats)
          addInitialFormats.call(this);
        this._addVocabularies();
        this._addDefaultMetaSchema();
        if (opts.keywords)
          addInitialKeywords.call(this, opts.keywords);
        if (typeof opts.meta == "object")
          this.addMetaSchema(opts.meta);
        addInitialSchemas.call(this);
        opts.validateFormats = formatOpt;
      }
      _addVocabularies() {
        this.addKeyword("$async");
      }
      _addDefaultMetaSchema() {
        const { $data, meta, schemaId } = this.opts;
        let _dataRefSchema = $dataRefSchema;
        if (schemaId === "id") {
          _dataRefSchema = { ...$dataRefSchema };
          _dataRefSchema.id = _dataRefSchema.$id;
          delete _dataRefSchema.$id;
        }
        if (meta && $data)
          this.addMetaSchema(_dataRefSchema, _dataRefSchema[schemaId], false);
      }
      defaultMeta() {
        const { meta, schemaId } = this.opts;
        return this.opts.defaultMeta = typeof meta == "object" ? meta[schemaId] || meta : void 0;
      }
      validate(schemaKeyRef, data) {
        let v2;
        if (typeof schemaKeyRef == "string") {
          v2 = this.getSchema(schemaKeyRef);
          if (!v2)
            throw new Error(`no schema with key or ref "${schemaKeyRef}"`);
        } else {
          v2 = this.compile(schemaKeyRef);
        }
        const valid = v2(data);
        if (!("$async" in v2))
          this.errors = v2.errors;
        return valid;
      }
      compile(schema2, _meta) {
        const sch = this._addSchema(schema2, _meta);
        return sch.validate || this._compileSchemaEnv(sch);
      }
      compileAsync(schema2, meta) {
        if (typeof this.opts.loadSchema != "function") {
          throw new Error("options.loadSchema should be a function");
        }
        const { loadSchema } = this.opts;
        return runCompileAsync.call(this, schema2, meta);
        async function runCompileAsync(_schema, _meta) {
          await loadMetaSchema.call(this, _schema.$schema);
          const sch = this._addSchema(_schema, _meta);
          return sch.validate || _compileAsync.call(this, sch);
        }
        async function loadMetaSchema($ref) {
          if ($ref && !this.getSchema($ref)) {
            await runCompileAsync.call(this, { $ref }, true);
          }
        }
        async function _compileAsync(sch) {
          try {
            return this._compileSchemaEnv(sch);
          } catch (e) {
            if (!(e instanceof ref_error_1.default))
              throw e;
            checkLoaded.call(this, e);
            await loadMissingSchema.call(this, e.missingSchema);
            return _compileAsync.call(this, sch);
          }
        }
        function checkLoaded({ missingSchema: ref, missingRef }) {
          if (this.refs[ref]) {
            throw new Error(`AnySchema ${ref} is loaded but ${missingRef} cannot be resolved`);
          }
        }
        async function loadMissingSchema(ref) {
          const _schema = await _loadSchema.call(this, ref);
          if (!this.refs[ref])
            await loadMetaSchema.call(this, _schema.$schema);
          if (!this.refs[ref])
            this.addSchema(_schema, ref, meta);
        }
        async function _loadSchema(ref) {
          const p = this._loading[ref];
          if (p)
            return p;
          try {
            return await (this._loading[ref] = loadSchema(ref));
          } finally {
            delete this._loading[ref];
          }
        }
      }
      // Adds schema to the instance
      addSchema(schema2, key3, _meta, _validateSchema = this.opts.validateSchema) {
        if (Array.isArray(schema2)) {
          for (const sch of schema2)
            this.addSchema(sch, void 0, _meta, _validateSchema);
          return this;
        }
        let id;
        if (typeof schema2 === "object") {
          const { schemaId } = this.opts;
          id = schema2[schemaId];
          if (id !== void 0 && typeof id != "string") {
            throw new Error(`schema ${schemaId} must be string`);
          }
        }
        key3 = (0, resolve_1.normalizeId)(key3 || id);
        this._checkUnique(key3);
        this.schemas[key3] = this._addSchema(schema2, _meta, key3, _validateSchema, true);
        return this;
      }
      // Add schema that will be used to validate other schemas
      // options in META_IGNORE_OPTIONS are alway set to false
      addMetaSchema(schema2, key3, _validateSchema = this.opts.validateSchema) {
        this.addSchema(schema2, key3, true, _validateSchema);
        return this;
      }
      //  Validate schema against its meta-schema
      validateSchema(schema2, throwOrLogError) {
        if (typeof schema2 == "boolean")
          return true;
        let $schema;
        $schema = schema2.$schema;
        if ($schema !== void 0 && typeof $schema != "string") {
          throw new Error("$schema must be a string");
        }
        $schema = $schema || this.opts.defaultMeta || this.defaultMeta();
        if (!$schema) {
          this.logger.warn("meta-schema not available");
          this.errors = null;
          return true;
        }
        const valid = this.validate($schema, schema2);
        if (!valid && throwOrLogError) {
          const message = "schema is invalid: " + this.errorsText();
          if (this.opts.validateSchema === "log")
            this.logger.error(message);
          else
            throw new Error(message);
        }
        return valid;
      }
      // Get compiled schema by `key` or `ref`.
      // (`key` that was passed to `addSchema` or full schema reference - `schema.$id` or resolved id)
      getSchema(keyRef) {
        let sch;
        while (typeof (sch = getSchEnv.call(this, keyRef)) == "string")
          keyRef = sch;
        if (sch === void 0) {
          const { schemaId } = this.opts;
          const root = new compile_1.SchemaEnv({ schema: {}, schemaId });
          sch = compile_1.resolveSchema.call(this, root, keyRef);
          if (!sch)
            return;
          this.refs[keyRef] = sch;
        }
        return sch.validate || this._compileSchemaEnv(sch);
      }
      // Remove cached schema(s).
      // If no parameter is passed all schemas but meta-schemas are removed.
      // If RegExp is passed all schemas with key/id matching pattern but meta-schemas are removed.
      // Even if schema is referenced by other schemas it still can be removed as other schemas have local references.
      removeSchema(schemaKeyRef) {
        if (schemaKeyRef instanceof RegExp) {
          this._removeAllSchemas(this.schemas, schemaKeyRef);
          this._removeAllSchemas(this.refs, schemaKeyRef);
          return this;
        }
        switch (typeof schemaKeyRef) {
          case "undefined":
            this._removeAllSchemas(this.schemas);
            this._removeAllSchemas(this.refs);
            this._cache.clear();
            return this;
          case "string": {
            const sch = getSchEnv.call(this, schemaKeyRef);
            if (typeof sch == "object")
              this._cache.delete(sch.schema);
            delete this.schemas[schemaKeyRef];
            delete this.refs[schemaKeyRef];
            return this;
          }
          case "object": {
            const cacheKey = schemaKeyRef;
            this._cache.delete(cacheKey);
            let id = schemaKeyRef[this.opts.schemaId];
            if (id) {
              id = (0, resolve_1.normalizeId)(id);
              delete this.schemas[id];
              delete this.refs[id];
            }
            return this;
          }
          default:
            throw new Error("ajv.removeSchema: invalid parameter");
        }
      }
      // add "vocabulary" - a collection of keywords
      addVocabulary(definitions) {
        for (const def of definitions)
          this.addKeyword(def);
        return this;
      }
      addKeyword(kwdOrDef, def) {
        let keyword;
        if (typeof kwdOrDef == "string") {
          keyword = kwdOrDef;
          if (typeof def == "object") {
            this.logger.warn("these parameters are deprecated, see docs for addKeyword");
            def.keyword = keyword;
          }
        } else if (typeof kwdOrDef == "object" && def === void 0) {
          def = kwdOrDef;
          keyword = def.keyword;
          if (Array.isArray(keyword) && !keyword.length) {
            throw new Error("addKeywords: keyword must be string or non-empty array");
          }
        } else {
          throw new Error("invalid addKeywords parameters");
        }
        checkKeyword.call(this, keyword, def);
        if (!def) {
          (0, util_1.eachItem)(keyword, (kwd) => addRule.call(this, kwd));
          return this;
        }
        keywordMetaschema.call(this, def);
        const definition = {
          ...def,
          type: (0, dataType_1.getJSONTypes)(def.type),
          schemaType: (0, dataType_1.getJSONTypes)(def.schemaType)
        };
        (0, util_1.eachItem)(keyword, definition.type.length === 0 ? (k2) => addRule.call(this, k2, definition) : (k2) => definition.type.forEach((t) => addRule.call(this, k2, definition, t)));
        return this;
      }
      getKeyword(keyword) {
        const rule = this.RULES.all[keyword];
        return typeof rule == "object" ? rule.definition : !!rule;
      }
      // Remove keyword
      removeKeyword(keyword) {
        const { RULES } = this;
        delete RULES.keywords[keyword];
        delete RULES.all[keyword];
        for (const group of RULES.rules) {
          const i = group.rules.findIndex((rule) => rule.keyword === keyword);
          if (i >= 0)
            group.rules.splice(i, 1);
        }
        return this;
      }
      // Add format
      addFormat(name, format) {
        if (typeof format == "string")
          format = new RegExp(format);
        this.formats[name] = format;
        return this;
      }
      errorsText(errors = this.errors, { separator = ", ", dataVar = "data" } = {}) {
        if (!errors || errors.length === 0)
          return "No errors";
        return errors.map((e) => `${dataVar}${e.instancePath} ${e.message}`).reduce((text, msg) => text + separator + msg);
      }
      $dataMetaSchema(metaSchema, keywordsJsonPointers) {
        const rules2 = this.RULES.all;
        metaSchema = JSON.parse(JSON.stringify(metaSchema));
        for (const jsonPointer of keywordsJsonPointers) {
          const segments = jsonPointer.split("/").slice(1);
          let keywords = metaSchema;
          for (const seg of segments)
            keywords = keywords[seg];
          for (const key3 in rules2) {
            const rule = rules2[key3];
            if (typeof rule != "object")
              continue;
            const { $data } = rule.definition;
            const schema2 = keywords[key3];
            if ($data && schema2)
              keywords[key3] = schemaOrData(schema2);
          }
        }
        return metaSchema;
      }
      _removeAllSchemas(schemas, regex) {
        for (const keyRef in schemas) {
          const sch = schemas[keyRef];
          if (!regex || regex.test(keyRef)) {
            if (typeof sch == "string") {
              delete schemas[keyRef];
            } else if (sch && !sch.meta) {
              this._cache.delete(sch.schema);
              delete schemas[keyRef];
            }
          }
        }
      }
      _addSchema(schema2, meta, baseId, validateSchema = this.opts.validateSchema, addSchema = this.opts.addUsedSchema) {
        let id;
        const { schemaId } = this.opts;
        if (typeof schema2 == "object") {
          id = schema2[schemaId];
        } else {
          if (this.opts.jtd)
            throw new Error("schema must be object");
          else if (typeof schema2 != "boolean")
            throw new Error("schema must be object or boolean");
        }
        let sch = this._cache.get(schema2);
        if (sch !== void 0)
          return sch;
        baseId = (0, resolve_1.normalizeId)(id || baseId);
        const localRefs = resolve_1.getSchemaRefs.call(this, schema2, baseId);
        sch = new compile_1.SchemaEnv({ schema: schema2, schemaId, meta, baseId, localRefs });
        this._cache.set(sch.schema, sch);
        if (addSchema && !baseId.startsWith("#")) {
          if (baseId)
            this._checkUnique(baseId);
          this.refs[baseId] = sch;
        }
        if (validateSchema)
          this.validateSchema(schema2, true);
        return sch;
      }
      _checkUnique(id) {
        if (this.schemas[id] || this.refs[id]) {
          throw new Error(`schema with key or id "${id}" already exists`);
        }
      }
      _compileSchemaEnv(sch) {
        if (sch.meta)
          this._compileMetaSchema(sch);
        else
          compile_1.compileSchema.call(this, sch);
        if (!sch.validate)
          throw new Error("ajv implementation error");
        return sch.validate;
      }
      _compileMetaSchema(sch) {
        const currentOpts = this.opts;
        this.opts = this._metaOpts;
        try {
          compile_1.compileSchema.call(this, sch);
        } finally {
          this.opts = currentOpts;
        }
      }
    };
    Ajv2.ValidationError = validation_error_1.default;
    Ajv2.MissingRefError = ref_error_1.default;
    exports.default = Ajv2;
    function checkOptions(checkOpts, options, msg, log = "error") {
      for (const key3 in checkOpts) {
        const opt = key3;
        if (opt in options)
          this.logger[log](`${msg}: option ${key3}. ${checkOpts[opt]}`);
      }
    }
    function getSchEnv(keyRef) {
      keyRef = (0, resolve_1.normalizeId)(keyRef);
      return this.schemas[keyRef] || this.refs[keyRef];
    }
    function addInitialSchemas() {
      const optsSchemas = this.opts.schemas;
      if (!optsSchemas)
        return;
      if (Array.isArray(optsSchemas))
        this.addSchema(optsSchemas);
      else
        for (const key3 in optsSchemas)
          this.addSchema(optsSchemas[key3], key3);
    }
    function addInitialFormats() {
      for (const name in this.opts.formats) {
        const format = this.opts.formats[name];
        if (format)
          this.addFormat(name, format);
      }
    }
    function addInitialKeywords(defs) {
      if (Array.isArray(defs)) {
        this.addVocabulary(defs);
        return;
      }
      this.logger.warn("keywords option as map is deprecated, pass array");
      for (const keyword in defs) {
        const def = defs[keyword];
        if (!def.keyword)
          def.keyword = keyword;
        this.addKeyword(def);
      }
    }
    function getMetaSchemaOptions() {
      const metaOpts = { ...this.opts };
      for (const opt of META_IGNORE_OPTIONS)
        delete metaOpts[opt];
      return metaOpts;
    }
    var noLogs = { log() {
    }, warn() {
    }, error() {
    } };
    function getLogger(logger) {
      if (logger === false)
        return noLogs;
      if (logger === void 0)
        return console;
      if (logger.log && logger.warn && logger.error)
        return logger;
      throw new Error("logger must implement log, warn and error methods");
    }
    var KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;
    function checkKeyword(keyword, def) {
      const { RULES } = this;
      (0, util_1.eachItem)(keyword, (kwd) => {
        if (RULES.keywords[kwd])
          throw new Error(`Keyword ${kwd} is already defined`);
        if (!KEYWORD_NAME.test(kwd))
          throw new Error(`Keyword ${kwd} has invalid name`);
      });
      if (!def)
        return;
      if (def.$data && !("code" in def || "validate" in def)) {
        throw new Error('$data keyword must have "code" or "validate" function');
      }
    }
    function addRule(keyword, definition, dataType) {
      var _a2;
      const post = definition === null || definition === void 0 ? void 0 : definition.post;
      if (dataType && post)
        throw new Error('keyword with "post" flag cannot have "type"');
      const { RULES } = this;
      let ruleGroup = post ? RULES.post : RULES.rules.find(({ type: t }) => t === dataType);
      if (!ruleGroup) {
        ruleGroup = { type: dataType, rules: [] };
        RULES.rules.push(ruleGroup);
      }
      RULES.keywords[keyword] = true;
      if (!definition)
        return;
      const rule = {
        keyword,
        definition: {
          ...definition,
          type: (0, dataType_1.getJSONTypes)(definition.type),
          schemaType: (0, dataType_1.getJSONTypes)(definition.schemaType)
        }
      };
      if (definition.before)
        addBeforeRule.call(this, ruleGroup, rule, definition.before);
      else
        ruleGroup.rules.push(rule);
      RULES.all[keyword] = rule;
      (_a2 = definition.implements) === null || _a2 === void 0 ? void 0 : _a2.forEach((kwd) => this.addKeyword(kwd));
    }
    function addBeforeRule(ruleGroup, rule, before) {
      const i = ruleGroup.rules.findIndex((_rule) => _rule.keyword === before);
      if (i >= 0) {
        ruleGroup.rules.splice(i, 0, rule);
      } else {
        ruleGroup.rules.push(rule);
        this.logger.warn(`rule ${before} is not defined`);
      }
    }
    function keywordMetaschema(def) {
      let { metaSchema } = def;
      if (metaSchema === void 0)
        return;
      if (def.$data && this.opts.$data)
        metaSchema = schemaOrData(metaSchema);
      def.validateSchema = this.compile(metaSchema, true);
    }
    var $dataRef = {
      $ref: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#"
    };
    function schemaOrData(schema2) {
      return { anyOf: [schema2, $dataRef] };
    }
  }
});

// node_modules/ajv/dist/vocabularies/core/id.js
var require_id = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/id.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var def = {
      keyword: "id",
      code() {
        throw new Error('NOT SUPPORTED: keyword "id", use "$id" for schema ID');
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/core/ref.js
var require_ref = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/ref.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.callRef = exports.getValidate = void 0;
    var ref_error_1 = require_ref_error();
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var compile_1 = require_compile();
    var util_1 = require_util();
    var def = {
      keyword: "$ref",
      schemaType: "string",
      code(cxt) {
        const { gen, schema: $ref, it: it2 } = cxt;
        const { baseId, schemaEnv: env, validateName, opts, self } = it2;
        const { root } = env;
        if (($ref === "#" || $ref === "#/") && baseId === root.baseId)
          return callRootRef();
        const schOrEnv = compile_1.resolveRef.call(self, root, baseId, $ref);
        if (schOrEnv === void 0)
          throw new ref_error_1.default(it2.opts.uriResolver, baseId, $ref);
        if (schOrEnv instanceof compile_1.SchemaEnv)
          return callValidate(schOrEnv);
        return inlineRefSchema(schOrEnv);
        function callRootRef() {
          if (env === root)
            return callRef(cxt, validateName, env, env.$async);
          const rootName = gen.scopeValue("root", { ref: root });
          return callRef(cxt, (0, codegen_1._)`${rootName}.validate`, root, root.$async);
        }
        function callValidate(sch) {
          const v2 = getValidate(cxt, sch);
          callRef(cxt, v2, sch, sch.$async);
        }
        function inlineRefSchema(sch) {
          const schName = gen.scopeValue("schema", opts.code.source === true ? { ref: sch, code: (0, codegen_1.stringify)(sch) } : { ref: sch });
          const valid = gen.name("valid");
          const schCxt = cxt.subschema({
            schema: sch,
            dataTypes: [],
            schemaPath: codegen_1.nil,
            topSchemaRef: schName,
            errSchemaPath: $ref
          }, valid);
          cxt.mergeEvaluated(schCxt);
          cxt.ok(valid);
        }
      }
    };
    function getValidate(cxt, sch) {
      const { gen } = cxt;
      return sch.validate ? gen.scopeValue("validate", { ref: sch.validate }) : (0, codegen_1._)`${gen.scopeValue("wrapper", { ref: sch })}.validate`;
    }
    exports.getValidate = getValidate;
    function callRef(cxt, v2, sch, $async) {
      const { gen, it: it2 } = cxt;
      const { allErrors, schemaEnv: env, opts } = it2;
      const passCxt = opts.passContext ? names_1.default.this : codegen_1.nil;
      if ($async)
        callAsyncRef();
      else
        callSyncRef();
      function callAsyncRef() {
        if (!env.$async)
          throw new Error("async schema referenced by sync schema");
        const valid = gen.let("valid");
        gen.try(() => {
          gen.code((0, codegen_1._)`await ${(0, code_1.callValidateCode)(cxt, v2, passCxt)}`);
          addEvaluatedFrom(v2);
          if (!allErrors)
            gen.assign(valid, true);
        }, (e) => {
          gen.if((0, codegen_1._)`!(${e} instanceof ${it2.ValidationError})`, () => gen.throw(e));
          addErrorsFrom(e);
          if (!allErrors)
            gen.assign(valid, false);
        });
        cxt.ok(valid);
      }
      function callSyncRef() {
        cxt.result((0, code_1.callValidateCode)(cxt, v2, passCxt), () => addEvaluatedFrom(v2), () => addErrorsFrom(v2));
      }
      function addErrorsFrom(source) {
        const errs = (0, codegen_1._)`${source}.errors`;
        gen.assign(names_1.default.vErrors, (0, codegen_1._)`${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`);
        gen.assign(names_1.default.errors, (0, codegen_1._)`${names_1.default.vErrors}.length`);
      }
      function addEvaluatedFrom(source) {
        var _a2;
        if (!it2.opts.unevaluated)
          return;
        const schEvaluated = (_a2 = sch === null || sch === void 0 ? void 0 : sch.validate) === null || _a2 === void 0 ? void 0 : _a2.evaluated;
        if (it2.props !== true) {
          if (schEvaluated && !schEvaluated.dynamicProps) {
            if (schEvaluated.props !== void 0) {
              it2.props = util_1.mergeEvaluated.props(gen, schEvaluated.props, it2.props);
            }
          } else {
            const props = gen.var("props", (0, codegen_1._)`${source}.evaluated.props`);
            it2.props = util_1.mergeEvaluated.props(gen, props, it2.props, codegen_1.Name);
          }
        }
        if (it2.items !== true) {
          if (schEvaluated && !schEvaluated.dynamicItems) {
            if (schEvaluated.items !== void 0) {
              it2.items = util_1.mergeEvaluated.items(gen, schEvaluated.items, it2.items);
            }
          } else {
            const items = gen.var("items", (0, codegen_1._)`${source}.evaluated.items`);
            it2.items = util_1.mergeEvaluated.items(gen, items, it2.items, codegen_1.Name);
          }
        }
      }
    }
    exports.callRef = callRef;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/core/index.js
var require_core2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var id_1 = require_id();
    var ref_1 = require_ref();
    var core2 = [
      "$schema",
      "$id",
      "$defs",
      "$vocabulary",
      { keyword: "$comment" },
      "definitions",
      id_1.default,
      ref_1.default
    ];
    exports.default = core2;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitNumber.js
var require_limitNumber = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitNumber.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var ops = codegen_1.operators;
    var KWDs = {
      maximum: { okStr: "<=", ok: ops.LTE, fail: ops.GT },
      minimum: { okStr: ">=", ok: ops.GTE, fail: ops.LT },
      exclusiveMaximum: { okStr: "<", ok: ops.LT, fail: ops.GTE },
      exclusiveMinimum: { okStr: ">", ok: ops.GT, fail: ops.LTE }
    };
    var error2 = {
      message: ({ keyword, schemaCode }) => (0, codegen_1.str)`must be ${KWDs[keyword].okStr} ${schemaCode}`,
      params: ({ keyword, schemaCode }) => (0, codegen_1._)`{comparison: ${KWDs[keyword].okStr}, limit: ${schemaCode}}`
    };
    var def = {
      keyword: Object.keys(KWDs),
      type: "number",
      schemaType: "number",
      $data: true,
      error: error2,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        cxt.fail$data((0, codegen_1._)`${data} ${KWDs[keyword].fail} ${schemaCode} || isNaN(${data})`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/multipleOf.js
var require_multipleOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/multipleOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error2 = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must be multiple of ${schemaCode}`,
      params: ({ schemaCode }) => (0, codegen_1._)`{multipleOf: ${schemaCode}}`
    };
    var def = {
      keyword: "multipleOf",
      type: "number",
      schemaType: "number",
      $data: true,
      error: error2,
      code(cxt) {
        const { gen, data, schemaCode, it: it2 } = cxt;
        const prec = it2.opts.multipleOfPrecision;
        const res = gen.let("res");
        const invalid = prec ? (0, codegen_1._)`Math.abs(Math.round(${res}) - ${res}) > 1e-${prec}` : (0, codegen_1._)`${res} !== parseInt(${res})`;
        cxt.fail$data((0, codegen_1._)`(${schemaCode} === 0 || (${res} = ${data}/${schemaCode}, ${invalid}))`);
      }
    };
    exports.default = def;
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

// node_modules/ajv/dist/vocabularies/validation/limitLength.js
var require_limitLength = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitLength.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var ucs2length_1 = require_ucs2length();
    var error2 = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxLength" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} characters`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxLength", "minLength"],
      type: "string",
      schemaType: "number",
      $data: true,
      error: error2,
      code(cxt) {
        const { keyword, data, schemaCode, it: it2 } = cxt;
        const op = keyword === "maxLength" ? codegen_1.operators.GT : codegen_1.operators.LT;
        const len = it2.opts.unicode === false ? (0, codegen_1._)`${data}.length` : (0, codegen_1._)`${(0, util_1.useFunc)(cxt.gen, ucs2length_1.default)}(${data})`;
        cxt.fail$data((0, codegen_1._)`${len} ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/pattern.js
var require_pattern = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/pattern.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var util_1 = require_util();
    var codegen_1 = require_codegen();
    var error2 = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must match pattern "${schemaCode}"`,
      params: ({ schemaCode }) => (0, codegen_1._)`{pattern: ${schemaCode}}`
    };
    var def = {
      keyword: "pattern",
      type: "string",
      schemaType: "string",
      $data: true,
      error: error2,
      code(cxt) {
        const { gen, data, $data, schema: schema2, schemaCode, it: it2 } = cxt;
        const u = it2.opts.unicodeRegExp ? "u" : "";
        if ($data) {
          const { regExp } = it2.opts.code;
          const regExpCode = regExp.code === "new RegExp" ? (0, codegen_1._)`new RegExp` : (0, util_1.useFunc)(gen, regExp);
          const valid = gen.let("valid");
          gen.try(() => gen.assign(valid, (0, codegen_1._)`${regExpCode}(${schemaCode}, ${u}).test(${data})`), () => gen.assign(valid, false));
          cxt.fail$data((0, codegen_1._)`!${valid}`);
        } else {
          const regExp = (0, code_1.usePattern)(cxt, schema2);
          cxt.fail$data((0, codegen_1._)`!${regExp}.test(${data})`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitProperties.js
var require_limitProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error2 = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxProperties" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} properties`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxProperties", "minProperties"],
      type: "object",
      schemaType: "number",
      $data: true,
      error: error2,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxProperties" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._)`Object.keys(${data}).length ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/required.js
var require_required = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/required.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error2 = {
      message: ({ params: { missingProperty } }) => (0, codegen_1.str)`must have required property '${missingProperty}'`,
      params: ({ params: { missingProperty } }) => (0, codegen_1._)`{missingProperty: ${missingProperty}}`
    };
    var def = {
      keyword: "required",
      type: "object",
      schemaType: "array",
      $data: true,
      error: error2,
      code(cxt) {
        const { gen, schema: schema2, schemaCode, data, $data, it: it2 } = cxt;
        const { opts } = it2;
        if (!$data && schema2.length === 0)
          return;
        const useLoop = schema2.length >= opts.loopRequired;
        if (it2.allErrors)
          allErrorsMode();
        else
          exitOnErrorMode();
        if (opts.strictRequired) {
          const props = cxt.parentSchema.properties;
          const { definedProperties } = cxt.it;
          for (const requiredKey of schema2) {
            if ((props === null || props === void 0 ? void 0 : props[requiredKey]) === void 0 && !definedProperties.has(requiredKey)) {
              const schemaPath = it2.schemaEnv.baseId + it2.errSchemaPath;
              const msg = `required property "${requiredKey}" is not defined at "${schemaPath}" (strictRequired)`;
              (0, util_1.checkStrictMode)(it2, msg, it2.opts.strictRequired);
            }
          }
        }
        function allErrorsMode() {
          if (useLoop || $data) {
            cxt.block$data(codegen_1.nil, loopAllRequired);
          } else {
            for (const prop of schema2) {
              (0, code_1.checkReportMissingProp)(cxt, prop);
            }
          }
        }
        function exitOnErrorMode() {
          const missing = gen.let("missing");
          if (useLoop || $data) {
            const valid = gen.let("valid", true);
            cxt.block$data(valid, () => loopUntilMissing(missing, valid));
            cxt.ok(valid);
          } else {
            gen.if((0, code_1.checkMissingProp)(cxt, schema2, missing));
            (0, code_1.reportMissingProp)(cxt, missing);
            gen.else();
          }
        }
        function loopAllRequired() {
          gen.forOf("prop", schemaCode, (prop) => {
            cxt.setParams({ missingProperty: prop });
            gen.if((0, code_1.noPropertyInData)(gen, data, prop, opts.ownProperties), () => cxt.error());
          });
        }
        function loopUntilMissing(missing, valid) {
          cxt.setParams({ missingProperty: missing });
          gen.forOf(missing, schemaCode, () => {
            gen.assign(valid, (0, code_1.propertyInData)(gen, data, missing, opts.ownProperties));
            gen.if((0, codegen_1.not)(valid), () => {
              cxt.error();
              gen.break();
            });
          }, codegen_1.nil);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitItems.js
var require_limitItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error2 = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxItems" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} items`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxItems", "minItems"],
      type: "array",
      schemaType: "number",
      $data: true,
      error: error2,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxItems" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._)`${data}.length ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
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

// node_modules/ajv/dist/vocabularies/validation/uniqueItems.js
var require_uniqueItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/uniqueItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dataType_1 = require_dataType();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error2 = {
      message: ({ params: { i, j: j2 } }) => (0, codegen_1.str)`must NOT have duplicate items (items ## ${j2} and ${i} are identical)`,
      params: ({ params: { i, j: j2 } }) => (0, codegen_1._)`{i: ${i}, j: ${j2}}`
    };
    var def = {
      keyword: "uniqueItems",
      type: "array",
      schemaType: "boolean",
      $data: true,
      error: error2,
      code(cxt) {
        const { gen, data, $data, schema: schema2, parentSchema, schemaCode, it: it2 } = cxt;
        if (!$data && !schema2)
          return;
        const valid = gen.let("valid");
        const itemTypes = parentSchema.items ? (0, dataType_1.getSchemaTypes)(parentSchema.items) : [];
        cxt.block$data(valid, validateUniqueItems, (0, codegen_1._)`${schemaCode} === false`);
        cxt.ok(valid);
        function validateUniqueItems() {
          const i = gen.let("i", (0, codegen_1._)`${data}.length`);
          const j2 = gen.let("j");
          cxt.setParams({ i, j: j2 });
          gen.assign(valid, true);
          gen.if((0, codegen_1._)`${i} > 1`, () => (canOptimize() ? loopN : loopN2)(i, j2));
        }
        function canOptimize() {
          return itemTypes.length > 0 && !itemTypes.some((t) => t === "object" || t === "array");
        }
        function loopN(i, j2) {
          const item = gen.name("item");
          const wrongType = (0, dataType_1.checkDataTypes)(itemTypes, item, it2.opts.strictNumbers, dataType_1.DataType.Wrong);
          const indices = gen.const("indices", (0, codegen_1._)`{}`);
          gen.for((0, codegen_1._)`;${i}--;`, () => {
            gen.let(item, (0, codegen_1._)`${data}[${i}]`);
            gen.if(wrongType, (0, codegen_1._)`continue`);
            if (itemTypes.length > 1)
              gen.if((0, codegen_1._)`typeof ${item} == "string"`, (0, codegen_1._)`${item} += "_"`);
            gen.if((0, codegen_1._)`typeof ${indices}[${item}] == "number"`, () => {
              gen.assign(j2, (0, codegen_1._)`${indices}[${item}]`);
              cxt.error();
              gen.assign(valid, false).break();
            }).code((0, codegen_1._)`${indices}[${item}] = ${i}`);
          });
        }
        function loopN2(i, j2) {
          const eql = (0, util_1.useFunc)(gen, equal_1.default);
          const outer = gen.name("outer");
          gen.label(outer).for((0, codegen_1._)`;${i}--;`, () => gen.for((0, codegen_1._)`${j2} = ${i}; ${j2}--;`, () => gen.if((0, codegen_1._)`${eql}(${data}[${i}], ${data}[${j2}])`, () => {
            cxt.error();
            gen.assign(valid, false).break(outer);
          })));
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/const.js
var require_const = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/const.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error2 = {
      message: "must be equal to constant",
      params: ({ schemaCode }) => (0, codegen_1._)`{allowedValue: ${schemaCode}}`
    };
    var def = {
      keyword: "const",
      $data: true,
      error: error2,
      code(cxt) {
        const { gen, data, $data, schemaCode, schema: schema2 } = cxt;
        if ($data || schema2 && typeof schema2 == "object") {
          cxt.fail$data((0, codegen_1._)`!${(0, util_1.useFunc)(gen, equal_1.default)}(${data}, ${schemaCode})`);
        } else {
          cxt.fail((0, codegen_1._)`${schema2} !== ${data}`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/enum.js
var require_enum = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/enum.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error2 = {
      message: "must be equal to one of the allowed values",
      params: ({ schemaCode }) => (0, codegen_1._)`{allowedValues: ${schemaCode}}`
    };
    var def = {
      keyword: "enum",
      schemaType: "array",
      $data: true,
      error: error2,
      code(cxt) {
        const { gen, data, $data, schema: schema2, schemaCode, it: it2 } = cxt;
        if (!$data && schema2.length === 0)
          throw new Error("enum must have non-empty array");
        const useLoop = schema2.length >= it2.opts.loopEnum;
        let eql;
        const getEql = () => eql !== null && eql !== void 0 ? eql : eql = (0, util_1.useFunc)(gen, equal_1.default);
        let valid;
        if (useLoop || $data) {
          valid = gen.let("valid");
          cxt.block$data(valid, loopEnum);
        } else {
          if (!Array.isArray(schema2))
            throw new Error("ajv implementation error");
          const vSchema = gen.const("vSchema", schemaCode);
          valid = (0, codegen_1.or)(...schema2.map((_x, i) => equalCode(vSchema, i)));
        }
        cxt.pass(valid);
        function loopEnum() {
          gen.assign(valid, false);
          gen.forOf("v", schemaCode, (v2) => gen.if((0, codegen_1._)`${getEql()}(${data}, ${v2})`, () => gen.assign(valid, true).break()));
        }
        function equalCode(vSchema, i) {
          const sch = schema2[i];
          return typeof sch === "object" && sch !== null ? (0, codegen_1._)`${getEql()}(${data}, ${vSchema}[${i}])` : (0, codegen_1._)`${data} === ${sch}`;
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/index.js
var require_validation = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var limitNumber_1 = require_limitNumber();
    var multipleOf_1 = require_multipleOf();
    var limitLength_1 = require_limitLength();
    var pattern_1 = require_pattern();
    var limitProperties_1 = require_limitProperties();
    var required_1 = require_required();
    var limitItems_1 = require_limitItems();
    var uniqueItems_1 = require_uniqueItems();
    var const_1 = require_const();
    var enum_1 = require_enum();
    var validation = [
      // number
      limitNumber_1.default,
      multipleOf_1.default,
      // string
      limitLength_1.default,
      pattern_1.default,
      // object
      limitProperties_1.default,
      required_1.default,
      // array
      limitItems_1.default,
      uniqueItems_1.default,
      // any
      { keyword: "type", schemaType: ["string", "array"] },
      { keyword: "nullable", schemaType: "boolean" },
      const_1.default,
      enum_1.default
    ];
    exports.default = validation;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/additionalItems.js
var require_additionalItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/additionalItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateAdditionalItems = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error2 = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    };
    var def = {
      keyword: "additionalItems",
      type: "array",
      schemaType: ["boolean", "object"],
      before: "uniqueItems",
      error: error2,
      code(cxt) {
        const { parentSchema, it: it2 } = cxt;
        const { items } = parentSchema;
        if (!Array.isArray(items)) {
          (0, util_1.checkStrictMode)(it2, '"additionalItems" is ignored when "items" is not an array of schemas');
          return;
        }
        validateAdditionalItems(cxt, items);
      }
    };
    function validateAdditionalItems(cxt, items) {
      const { gen, schema: schema2, data, keyword, it: it2 } = cxt;
      it2.items = true;
      const len = gen.const("len", (0, codegen_1._)`${data}.length`);
      if (schema2 === false) {
        cxt.setParams({ len: items.length });
        cxt.pass((0, codegen_1._)`${len} <= ${items.length}`);
      } else if (typeof schema2 == "object" && !(0, util_1.alwaysValidSchema)(it2, schema2)) {
        const valid = gen.var("valid", (0, codegen_1._)`${len} <= ${items.length}`);
        gen.if((0, codegen_1.not)(valid), () => validateItems(valid));
        cxt.ok(valid);
      }
      function validateItems(valid) {
        gen.forRange("i", items.length, len, (i) => {
          cxt.subschema({ keyword, dataProp: i, dataPropType: util_1.Type.Num }, valid);
          if (!it2.allErrors)
            gen.if((0, codegen_1.not)(valid), () => gen.break());
        });
      }
    }
    exports.validateAdditionalItems = validateAdditionalItems;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/items.js
var require_items = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/items.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateTuple = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    var def = {
      keyword: "items",
      type: "array",
      schemaType: ["object", "array", "boolean"],
      before: "uniqueItems",
      code(cxt) {
        const { schema: schema2, it: it2 } = cxt;
        if (Array.isArray(schema2))
          return validateTuple(cxt, "additionalItems", schema2);
        it2.items = true;
        if ((0, util_1.alwaysValidSchema)(it2, schema2))
          return;
        cxt.ok((0, code_1.validateArray)(cxt));
      }
    };
    function validateTuple(cxt, extraItems, schArr = cxt.schema) {
      const { gen, parentSchema, data, keyword, it: it2 } = cxt;
      checkStrictTuple(parentSchema);
      if (it2.opts.unevaluated && schArr.length && it2.items !== true) {
        it2.items = util_1.mergeEvaluated.items(gen, schArr.length, it2.items);
      }
      const valid = gen.name("valid");
      const len = gen.const("len", (0, codegen_1._)`${data}.length`);
      schArr.forEach((sch, i) => {
        if ((0, util_1.alwaysValidSchema)(it2, sch))
          return;
        gen.if((0, codegen_1._)`${len} > ${i}`, () => cxt.subschema({
          keyword,
          schemaProp: i,
          dataProp: i
        }, valid));
        cxt.ok(valid);
      });
      function checkStrictTuple(sch) {
        const { opts, errSchemaPath } = it2;
        const l = schArr.length;
        const fullTuple = l === sch.minItems && (l === sch.maxItems || sch[extraItems] === false);
        if (opts.strictTuples && !fullTuple) {
          const msg = `"${keyword}" is ${l}-tuple, but minItems or maxItems/${extraItems} are not specified or different at path "${errSchemaPath}"`;
          (0, util_1.checkStrictMode)(it2, msg, opts.strictTuples);
        }
      }
    }
    exports.validateTuple = validateTuple;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/prefixItems.js
var require_prefixItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/prefixItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var items_1 = require_items();
    var def = {
      keyword: "prefixItems",
      type: "array",
      schemaType: ["array"],
      before: "uniqueItems",
      code: (cxt) => (0, items_1.validateTuple)(cxt, "items")
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/items2020.js
var require_items2020 = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/items2020.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    var additionalItems_1 = require_additionalItems();
    var error2 = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    };
    var def = {
      keyword: "items",
      type: "array",
      schemaType: ["object", "boolean"],
      before: "uniqueItems",
      error: error2,
      code(cxt) {
        const { schema: schema2, parentSchema, it: it2 } = cxt;
        const { prefixItems } = parentSchema;
        it2.items = true;
        if ((0, util_1.alwaysValidSchema)(it2, schema2))
          return;
        if (prefixItems)
          (0, additionalItems_1.validateAdditionalItems)(cxt, prefixItems);
        else
          cxt.ok((0, code_1.validateArray)(cxt));
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/contains.js
var require_contains = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/contains.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error2 = {
      message: ({ params: { min, max } }) => max === void 0 ? (0, codegen_1.str)`must contain at least ${min} valid item(s)` : (0, codegen_1.str)`must contain at least ${min} and no more than ${max} valid item(s)`,
      params: ({ params: { min, max } }) => max === void 0 ? (0, codegen_1._)`{minContains: ${min}}` : (0, codegen_1._)`{minContains: ${min}, maxContains: ${max}}`
    };
    var def = {
      keyword: "contains",
      type: "array",
      schemaType: ["object", "boolean"],
      before: "uniqueItems",
      trackErrors: true,
      error: error2,
      code(cxt) {
        const { gen, schema: schema2, parentSchema, data, it: it2 } = cxt;
        let min;
        let max;
        const { minContains, maxContains } = parentSchema;
        if (it2.opts.next) {
          min = minContains === void 0 ? 1 : minContains;
          max = maxContains;
        } else {
          min = 1;
        }
        const len = gen.const("len", (0, codegen_1._)`${data}.length`);
        cxt.setParams({ min, max });
        if (max === void 0 && min === 0) {
          (0, util_1.checkStrictMode)(it2, `"minContains" == 0 without "maxContains": "contains" keyword ignored`);
          return;
        }
        if (max !== void 0 && min > max) {
          (0, util_1.checkStrictMode)(it2, `"minContains" > "maxContains" is always invalid`);
          cxt.fail();
          return;
        }
        if ((0, util_1.alwaysValidSchema)(it2, schema2)) {
          let cond = (0, codegen_1._)`${len} >= ${min}`;
          if (max !== void 0)
            cond = (0, codegen_1._)`${cond} && ${len} <= ${max}`;
          cxt.pass(cond);
          return;
        }
        it2.items = true;
        const valid = gen.name("valid");
        if (max === void 0 && min === 1) {
          validateItems(valid, () => gen.if(valid, () => gen.break()));
        } else if (min === 0) {
          gen.let(valid, true);
          if (max !== void 0)
            gen.if((0, codegen_1._)`${data}.length > 0`, validateItemsWithCount);
        } else {
          gen.let(valid, false);
          validateItemsWithCount();
        }
        cxt.result(valid, () => cxt.reset());
        function validateItemsWithCount() {
          const schValid = gen.name("_valid");
          const count2 = gen.let("count", 0);
          validateItems(schValid, () => gen.if(schValid, () => checkLimits(count2)));
        }
        function validateItems(_valid, block) {
          gen.forRange("i", 0, len, (i) => {
            cxt.subschema({
              keyword: "contains",
              dataProp: i,
              dataPropType: util_1.Type.Num,
              compositeRule: true
            }, _valid);
            block();
          });
        }
        function checkLimits(count2) {
          gen.code((0, codegen_1._)`${count2}++`);
          if (max === void 0) {
            gen.if((0, codegen_1._)`${count2} >= ${min}`, () => gen.assign(valid, true).break());
          } else {
            gen.if((0, codegen_1._)`${count2} > ${max}`, () => gen.assign(valid, false).break());
            if (min === 1)
              gen.assign(valid, true);
            else
              gen.if((0, codegen_1._)`${count2} >= ${min}`, () => gen.assign(valid, true));
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/dependencies.js
var require_dependencies = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/dependencies.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateSchemaDeps = exports.validatePropertyDeps = exports.error = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    exports.error = {
      message: ({ params: { property, depsCount, deps } }) => {
        const property_ies = depsCount === 1 ? "property" : "properties";
        return (0, codegen_1.str)`must have ${property_ies} ${deps} when property ${property} is present`;
      },
      params: ({ params: { property, depsCount, deps, missingProperty } }) => (0, codegen_1._)`{property: ${property},
    missingProperty: ${missingProperty},
    depsCount: ${depsCount},
    deps: ${deps}}`
      // TODO change to reference
    };
    var def = {
      keyword: "dependencies",
      type: "object",
      schemaType: "object",
      error: exports.error,
      code(cxt) {
        const [propDeps, schDeps] = splitDependencies(cxt);
        validatePropertyDeps(cxt, propDeps);
        validateSchemaDeps(cxt, schDeps);
      }
    };
    function splitDependencies({ schema: schema2 }) {
      const propertyDeps = {};
      const schemaDeps = {};
      for (const key3 in schema2) {
        if (key3 === "__proto__")
          continue;
        const deps = Array.isArray(schema2[key3]) ? propertyDeps : schemaDeps;
        deps[key3] = schema2[key3];
      }
      return [propertyDeps, schemaDeps];
    }
    function validatePropertyDeps(cxt, propertyDeps = cxt.schema) {
      const { gen, data, it: it2 } = cxt;
      if (Object.keys(propertyDeps).length === 0)
        return;
      const missing = gen.let("missing");
      for (const prop in propertyDeps) {
        const deps = propertyDeps[prop];
        if (deps.length === 0)
          continue;
        const hasProperty = (0, code_1.propertyInData)(gen, data, prop, it2.opts.ownProperties);
        cxt.setParams({
          property: prop,
          depsCount: deps.length,
          deps: deps.join(", ")
        });
        if (it2.allErrors) {
          gen.if(hasProperty, () => {
            for (const depProp of deps) {
              (0, code_1.checkReportMissingProp)(cxt, depProp);
            }
          });
        } else {
          gen.if((0, codegen_1._)`${hasProperty} && (${(0, code_1.checkMissingProp)(cxt, deps, missing)})`);
          (0, code_1.reportMissingProp)(cxt, missing);
          gen.else();
        }
      }
    }
    exports.validatePropertyDeps = validatePropertyDeps;
    function validateSchemaDeps(cxt, schemaDeps = cxt.schema) {
      const { gen, data, keyword, it: it2 } = cxt;
      const valid = gen.name("valid");
      for (const prop in schemaDeps) {
        if ((0, util_1.alwaysValidSchema)(it2, schemaDeps[prop]))
          continue;
        gen.if(
          (0, code_1.propertyInData)(gen, data, prop, it2.opts.ownProperties),
          () => {
            const schCxt = cxt.subschema({ keyword, schemaProp: prop }, valid);
            cxt.mergeValidEvaluated(schCxt, valid);
          },
          () => gen.var(valid, true)
          // TODO var
        );
        cxt.ok(valid);
      }
    }
    exports.validateSchemaDeps = validateSchemaDeps;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/propertyNames.js
var require_propertyNames = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/propertyNames.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error2 = {
      message: "property name must be valid",
      params: ({ params }) => (0, codegen_1._)`{propertyName: ${params.propertyName}}`
    };
    var def = {
      keyword: "propertyNames",
      type: "object",
      schemaType: ["object", "boolean"],
      error: error2,
      code(cxt) {
        const { gen, schema: schema2, data, it: it2 } = cxt;
        if ((0, util_1.alwaysValidSchema)(it2, schema2))
          return;
        const valid = gen.name("valid");
        gen.forIn("key", data, (key3) => {
          cxt.setParams({ propertyName: key3 });
          cxt.subschema({
            keyword: "propertyNames",
            data: key3,
            dataTypes: ["string"],
            propertyName: key3,
            compositeRule: true
          }, valid);
          gen.if((0, codegen_1.not)(valid), () => {
            cxt.error(true);
            if (!it2.allErrors)
              gen.break();
          });
        });
        cxt.ok(valid);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/additionalProperties.js
var require_additionalProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/additionalProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var util_1 = require_util();
    var error2 = {
      message: "must NOT have additional properties",
      params: ({ params }) => (0, codegen_1._)`{additionalProperty: ${params.additionalProperty}}`
    };
    var def = {
      keyword: "additionalProperties",
      type: ["object"],
      schemaType: ["boolean", "object"],
      allowUndefined: true,
      trackErrors: true,
      error: error2,
      code(cxt) {
        const { gen, schema: schema2, parentSchema, data, errsCount, it: it2 } = cxt;
        if (!errsCount)
          throw new Error("ajv implementation error");
        const { allErrors, opts } = it2;
        it2.props = true;
        if (opts.removeAdditional !== "all" && (0, util_1.alwaysValidSchema)(it2, schema2))
          return;
        const props = (0, code_1.allSchemaProperties)(parentSchema.properties);
        const patProps = (0, code_1.allSchemaProperties)(parentSchema.patternProperties);
        checkAdditionalProperties();
        cxt.ok((0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
        function checkAdditionalProperties() {
          gen.forIn("key", data, (key3) => {
            if (!props.length && !patProps.length)
              additionalPropertyCode(key3);
            else
              gen.if(isAdditional(key3), () => additionalPropertyCode(key3));
          });
        }
        function isAdditional(key3) {
          let definedProp;
          if (props.length > 8) {
            const propsSchema = (0, util_1.schemaRefOrVal)(it2, parentSchema.properties, "properties");
            definedProp = (0, code_1.isOwnProperty)(gen, propsSchema, key3);
          } else if (props.length) {
            definedProp = (0, codegen_1.or)(...props.map((p) => (0, codegen_1._)`${key3} === ${p}`));
          } else {
            definedProp = codegen_1.nil;
          }
          if (patProps.length) {
            definedProp = (0, codegen_1.or)(definedProp, ...patProps.map((p) => (0, codegen_1._)`${(0, code_1.usePattern)(cxt, p)}.test(${key3})`));
          }
          return (0, codegen_1.not)(definedProp);
        }
        function deleteAdditional(key3) {
          gen.code((0, codegen_1._)`delete ${data}[${key3}]`);
        }
        function additionalPropertyCode(key3) {
          if (opts.removeAdditional === "all" || opts.removeAdditional && schema2 === false) {
            deleteAdditional(key3);
            return;
          }
          if (schema2 === false) {
            cxt.setParams({ additionalProperty: key3 });
            cxt.error();
            if (!allErrors)
              gen.break();
            return;
          }
          if (typeof schema2 == "object" && !(0, util_1.alwaysValidSchema)(it2, schema2)) {
            const valid = gen.name("valid");
            if (opts.removeAdditional === "failing") {
              applyAdditionalSchema(key3, valid, false);
              gen.if((0, codegen_1.not)(valid), () => {
                cxt.reset();
                deleteAdditional(key3);
              });
            } else {
              applyAdditionalSchema(key3, valid);
              if (!allErrors)
                gen.if((0, codegen_1.not)(valid), () => gen.break());
            }
          }
        }
        function applyAdditionalSchema(key3, valid, errors) {
          const subschema = {
            keyword: "additionalProperties",
            dataProp: key3,
            dataPropType: util_1.Type.Str
          };
          if (errors === false) {
            Object.assign(subschema, {
              compositeRule: true,
              createErrors: false,
              allErrors: false
            });
          }
          cxt.subschema(subschema, valid);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/properties.js
var require_properties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/properties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var validate_1 = require_validate();
    var code_1 = require_code2();
    var util_1 = require_util();
    var additionalProperties_1 = require_additionalProperties();
    var def = {
      keyword: "properties",
      type: "object",
      schemaType: "object",
      code(cxt) {
        const { gen, schema: schema2, parentSchema, data, it: it2 } = cxt;
        if (it2.opts.removeAdditional === "all" && parentSchema.additionalProperties === void 0) {
          additionalProperties_1.default.code(new validate_1.KeywordCxt(it2, additionalProperties_1.default, "additionalProperties"));
        }
        const allProps = (0, code_1.allSchemaProperties)(schema2);
        for (const prop of allProps) {
          it2.definedProperties.add(prop);
        }
        if (it2.opts.unevaluated && allProps.length && it2.props !== true) {
          it2.props = util_1.mergeEvaluated.props(gen, (0, util_1.toHash)(allProps), it2.props);
        }
        const properties = allProps.filter((p) => !(0, util_1.alwaysValidSchema)(it2, schema2[p]));
        if (properties.length === 0)
          return;
        const valid = gen.name("valid");
        for (const prop of properties) {
          if (hasDefault(prop)) {
            applyPropertySchema(prop);
          } else {
            gen.if((0, code_1.propertyInData)(gen, data, prop, it2.opts.ownProperties));
            applyPropertySchema(prop);
            if (!it2.allErrors)
              gen.else().var(valid, true);
            gen.endIf();
          }
          cxt.it.definedProperties.add(prop);
          cxt.ok(valid);
        }
        function hasDefault(prop) {
          return it2.opts.useDefaults && !it2.compositeRule && schema2[prop].default !== void 0;
        }
        function applyPropertySchema(prop) {
          cxt.subschema({
            keyword: "properties",
            schemaProp: prop,
            dataProp: prop
          }, valid);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/patternProperties.js
var require_patternProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/patternProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var util_2 = require_util();
    var def = {
      keyword: "patternProperties",
      type: "object",
      schemaType: "object",
      code(cxt) {
        const { gen, schema: schema2, data, parentSchema, it: it2 } = cxt;
        const { opts } = it2;
        const patterns = (0, code_1.allSchemaProperties)(schema2);
        const alwaysValidPatterns = patterns.filter((p) => (0, util_1.alwaysValidSchema)(it2, schema2[p]));
        if (patterns.length === 0 || alwaysValidPatterns.length === patterns.length && (!it2.opts.unevaluated || it2.props === true)) {
          return;
        }
        const checkProperties = opts.strictSchema && !opts.allowMatchingProperties && parentSchema.properties;
        const valid = gen.name("valid");
        if (it2.props !== true && !(it2.props instanceof codegen_1.Name)) {
          it2.props = (0, util_2.evaluatedPropsToName)(gen, it2.props);
        }
        const { props } = it2;
        validatePatternProperties();
        function validatePatternProperties() {
          for (const pat of patterns) {
            if (checkProperties)
              checkMatchingProperties(pat);
            if (it2.allErrors) {
              validateProperties(pat);
            } else {
              gen.var(valid, true);
              validateProperties(pat);
              gen.if(valid);
            }
          }
        }
        function checkMatchingProperties(pat) {
          for (const prop in checkProperties) {
            if (new RegExp(pat).test(prop)) {
              (0, util_1.checkStrictMode)(it2, `property ${prop} matches pattern ${pat} (use allowMatchingProperties)`);
            }
          }
        }
        function validateProperties(pat) {
          gen.forIn("key", data, (key3) => {
            gen.if((0, codegen_1._)`${(0, code_1.usePattern)(cxt, pat)}.test(${key3})`, () => {
              const alwaysValid = alwaysValidPatterns.includes(pat);
              if (!alwaysValid) {
                cxt.subschema({
                  keyword: "patternProperties",
                  schemaProp: pat,
                  dataProp: key3,
                  dataPropType: util_2.Type.Str
                }, valid);
              }
              if (it2.opts.unevaluated && props !== true) {
                gen.assign((0, codegen_1._)`${props}[${key3}]`, true);
              } else if (!alwaysValid && !it2.allErrors) {
                gen.if((0, codegen_1.not)(valid), () => gen.break());
              }
            });
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/not.js
var require_not = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/not.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: "not",
      schemaType: ["object", "boolean"],
      trackErrors: true,
      code(cxt) {
        const { gen, schema: schema2, it: it2 } = cxt;
        if ((0, util_1.alwaysValidSchema)(it2, schema2)) {
          cxt.fail();
          return;
        }
        const valid = gen.name("valid");
        cxt.subschema({
          keyword: "not",
          compositeRule: true,
          createErrors: false,
          allErrors: false
        }, valid);
        cxt.failResult(valid, () => cxt.reset(), () => cxt.error());
      },
      error: { message: "must NOT be valid" }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/anyOf.js
var require_anyOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/anyOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var def = {
      keyword: "anyOf",
      schemaType: "array",
      trackErrors: true,
      code: code_1.validateUnion,
      error: { message: "must match a schema in anyOf" }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/oneOf.js
var require_oneOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/oneOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error2 = {
      message: "must match exactly one schema in oneOf",
      params: ({ params }) => (0, codegen_1._)`{passingSchemas: ${params.passing}}`
    };
    var def = {
      keyword: "oneOf",
      schemaType: "array",
      trackErrors: true,
      error: error2,
      code(cxt) {
        const { gen, schema: schema2, parentSchema, it: it2 } = cxt;
        if (!Array.isArray(schema2))
          throw new Error("ajv implementation error");
        if (it2.opts.discriminator && parentSchema.discriminator)
          return;
        const schArr = schema2;
        const valid = gen.let("valid", false);
        const passing = gen.let("passing", null);
        const schValid = gen.name("_valid");
        cxt.setParams({ passing });
        gen.block(validateOneOf);
        cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
        function validateOneOf() {
          schArr.forEach((sch, i) => {
            let schCxt;
            if ((0, util_1.alwaysValidSchema)(it2, sch)) {
              gen.var(schValid, true);
            } else {
              schCxt = cxt.subschema({
                keyword: "oneOf",
                schemaProp: i,
                compositeRule: true
              }, schValid);
            }
            if (i > 0) {
              gen.if((0, codegen_1._)`${schValid} && ${valid}`).assign(valid, false).assign(passing, (0, codegen_1._)`[${passing}, ${i}]`).else();
            }
            gen.if(schValid, () => {
              gen.assign(valid, true);
              gen.assign(passing, i);
              if (schCxt)
                cxt.mergeEvaluated(schCxt, codegen_1.Name);
            });
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/allOf.js
var require_allOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/allOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: "allOf",
      schemaType: "array",
      code(cxt) {
        const { gen, schema: schema2, it: it2 } = cxt;
        if (!Array.isArray(schema2))
          throw new Error("ajv implementation error");
        const valid = gen.name("valid");
        schema2.forEach((sch, i) => {
          if ((0, util_1.alwaysValidSchema)(it2, sch))
            return;
          const schCxt = cxt.subschema({ keyword: "allOf", schemaProp: i }, valid);
          cxt.ok(valid);
          cxt.mergeEvaluated(schCxt);
        });
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/if.js
var require_if = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/if.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error2 = {
      message: ({ params }) => (0, codegen_1.str)`must match "${params.ifClause}" schema`,
      params: ({ params }) => (0, codegen_1._)`{failingKeyword: ${params.ifClause}}`
    };
    var def = {
      keyword: "if",
      schemaType: ["object", "boolean"],
      trackErrors: true,
      error: error2,
      code(cxt) {
        const { gen, parentSchema, it: it2 } = cxt;
        if (parentSchema.then === void 0 && parentSchema.else === void 0) {
          (0, util_1.checkStrictMode)(it2, '"if" without "then" and "else" is ignored');
        }
        const hasThen = hasSchema(it2, "then");
        const hasElse = hasSchema(it2, "else");
        if (!hasThen && !hasElse)
          return;
        const valid = gen.let("valid", true);
        const schValid = gen.name("_valid");
        validateIf();
        cxt.reset();
        if (hasThen && hasElse) {
          const ifClause = gen.let("ifClause");
          cxt.setParams({ ifClause });
          gen.if(schValid, validateClause("then", ifClause), validateClause("else", ifClause));
        } else if (hasThen) {
          gen.if(schValid, validateClause("then"));
        } else {
          gen.if((0, codegen_1.not)(schValid), validateClause("else"));
        }
        cxt.pass(valid, () => cxt.error(true));
        function validateIf() {
          const schCxt = cxt.subschema({
            keyword: "if",
            compositeRule: true,
            createErrors: false,
            allErrors: false
          }, schValid);
          cxt.mergeEvaluated(schCxt);
        }
        function validateClause(keyword, ifClause) {
          return () => {
            const schCxt = cxt.subschema({ keyword }, schValid);
            gen.assign(valid, schValid);
            cxt.mergeValidEvaluated(schCxt, valid);
            if (ifClause)
              gen.assign(ifClause, (0, codegen_1._)`${keyword}`);
            else
              cxt.setParams({ ifClause: keyword });
          };
        }
      }
    };
    function hasSchema(it2, keyword) {
      const schema2 = it2.schema[keyword];
      return schema2 !== void 0 && !(0, util_1.alwaysValidSchema)(it2, schema2);
    }
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/thenElse.js
var require_thenElse = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/thenElse.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: ["then", "else"],
      schemaType: ["object", "boolean"],
      code({ keyword, parentSchema, it: it2 }) {
        if (parentSchema.if === void 0)
          (0, util_1.checkStrictMode)(it2, `"${keyword}" without "if" is ignored`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/index.js
var require_applicator = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var additionalItems_1 = require_additionalItems();
    var prefixItems_1 = require_prefixItems();
    var items_1 = require_items();
    var items2020_1 = require_items2020();
    var contains_1 = require_contains();
    var dependencies_1 = require_dependencies();
    var propertyNames_1 = require_propertyNames();
    var additionalProperties_1 = require_additionalProperties();
    var properties_1 = require_properties();
    var patternProperties_1 = require_patternProperties();
    var not_1 = require_not();
    var anyOf_1 = require_anyOf();
    var oneOf_1 = require_oneOf();
    var allOf_1 = require_allOf();
    var if_1 = require_if();
    var thenElse_1 = require_thenElse();
    function getApplicator(draft2020 = false) {
      const applicator = [
        // any
        not_1.default,
        anyOf_1.default,
        oneOf_1.default,
        allOf_1.default,
        if_1.default,
        thenElse_1.default,
        // object
        propertyNames_1.default,
        additionalProperties_1.default,
        dependencies_1.default,
        properties_1.default,
        patternProperties_1.default
      ];
      if (draft2020)
        applicator.push(prefixItems_1.default, items2020_1.default);
      else
        applicator.push(additionalItems_1.default, items_1.default);
      applicator.push(contains_1.default);
      return applicator;
    }
    exports.default = getApplicator;
  }
});

// node_modules/ajv/dist/vocabularies/format/format.js
var require_format = __commonJS({
  "node_modules/ajv/dist/vocabularies/format/format.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error2 = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must match format "${schemaCode}"`,
      params: ({ schemaCode }) => (0, codegen_1._)`{format: ${schemaCode}}`
    };
    var def = {
      keyword: "format",
      type: ["number", "string"],
      schemaType: "string",
      $data: true,
      error: error2,
      code(cxt, ruleType) {
        const { gen, data, $data, schema: schema2, schemaCode, it: it2 } = cxt;
        const { opts, errSchemaPath, schemaEnv, self } = it2;
        if (!opts.validateFormats)
          return;
        if ($data)
          validate$DataFormat();
        else
          validateFormat();
        function validate$DataFormat() {
          const fmts = gen.scopeValue("formats", {
            ref: self.formats,
            code: opts.code.formats
          });
          const fDef = gen.const("fDef", (0, codegen_1._)`${fmts}[${schemaCode}]`);
          const fType = gen.let("fType");
          const format = gen.let("format");
          gen.if((0, codegen_1._)`typeof ${fDef} == "object" && !(${fDef} instanceof RegExp)`, () => gen.assign(fType, (0, codegen_1._)`${fDef}.type || "string"`).assign(format, (0, codegen_1._)`${fDef}.validate`), () => gen.assign(fType, (0, codegen_1._)`"string"`).assign(format, fDef));
          cxt.fail$data((0, codegen_1.or)(unknownFmt(), invalidFmt()));
          function unknownFmt() {
            if (opts.strictSchema === false)
              return codegen_1.nil;
            return (0, codegen_1._)`${schemaCode} && !${format}`;
          }
          function invalidFmt() {
            const callFormat = schemaEnv.$async ? (0, codegen_1._)`(${fDef}.async ? await ${format}(${data}) : ${format}(${data}))` : (0, codegen_1._)`${format}(${data})`;
            const validData = (0, codegen_1._)`(typeof ${format} == "function" ? ${callFormat} : ${format}.test(${data}))`;
            return (0, codegen_1._)`${format} && ${format} !== true && ${fType} === ${ruleType} && !${validData}`;
          }
        }
        function validateFormat() {
          const formatDef = self.formats[schema2];
          if (!formatDef) {
            unknownFormat();
            return;
          }
          if (formatDef === true)
            return;
          const [fmtType, format, fmtRef] = getFormat(formatDef);
          if (fmtType === ruleType)
            cxt.pass(validCondition());
          function unknownFormat() {
            if (opts.strictSchema === false) {
              self.logger.warn(unknownMsg());
              return;
            }
            throw new Error(unknownMsg());
            function unknownMsg() {
              return `unknown format "${schema2}" ignored in schema at path "${errSchemaPath}"`;
            }
          }
          function getFormat(fmtDef) {
            const code = fmtDef instanceof RegExp ? (0, codegen_1.regexpCode)(fmtDef) : opts.code.formats ? (0, codegen_1._)`${opts.code.formats}${(0, codegen_1.getProperty)(schema2)}` : void 0;
            const fmt = gen.scopeValue("formats", { key: schema2, ref: fmtDef, code });
            if (typeof fmtDef == "object" && !(fmtDef instanceof RegExp)) {
              return [fmtDef.type || "string", fmtDef.validate, (0, codegen_1._)`${fmt}.validate`];
            }
            return ["string", fmtDef, fmt];
          }
          function validCondition() {
            if (typeof formatDef == "object" && !(formatDef instanceof RegExp) && formatDef.async) {
              if (!schemaEnv.$async)
                throw new Error("async format in sync schema");
              return (0, codegen_1._)`await ${fmtRef}(${data})`;
            }
            return typeof format == "function" ? (0, codegen_1._)`${fmtRef}(${data})` : (0, codegen_1._)`${fmtRef}.test(${data})`;
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/format/index.js
var require_format2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/format/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var format_1 = require_format();
    var format = [format_1.default];
    exports.default = format;
  }
});

// node_modules/ajv/dist/vocabularies/metadata.js
var require_metadata = __commonJS({
  "node_modules/ajv/dist/vocabularies/metadata.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.contentVocabulary = exports.metadataVocabulary = void 0;
    exports.metadataVocabulary = [
      "title",
      "description",
      "default",
      "deprecated",
      "readOnly",
      "writeOnly",
      "examples"
    ];
    exports.contentVocabulary = [
      "contentMediaType",
      "contentEncoding",
      "contentSchema"
    ];
  }
});

// node_modules/ajv/dist/vocabularies/draft7.js
var require_draft7 = __commonJS({
  "node_modules/ajv/dist/vocabularies/draft7.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var core_1 = require_core2();
    var validation_1 = require_validation();
    var applicator_1 = require_applicator();
    var format_1 = require_format2();
    var metadata_1 = require_metadata();
    var draft7Vocabularies = [
      core_1.default,
      validation_1.default,
      (0, applicator_1.default)(),
      format_1.default,
      metadata_1.metadataVocabulary,
      metadata_1.contentVocabulary
    ];
    exports.default = draft7Vocabularies;
  }
});

// node_modules/ajv/dist/vocabularies/discriminator/types.js
var require_types = __commonJS({
  "node_modules/ajv/dist/vocabularies/discriminator/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.DiscrError = void 0;
    var DiscrError;
    (function(DiscrError2) {
      DiscrError2["Tag"] = "tag";
      DiscrError2["Mapping"] = "mapping";
    })(DiscrError || (exports.DiscrError = DiscrError = {}));
  }
});

// node_modules/ajv/dist/vocabularies/discriminator/index.js
var require_discriminator = __commonJS({
  "node_modules/ajv/dist/vocabularies/discriminator/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var types_1 = require_types();
    var compile_1 = require_compile();
    var ref_error_1 = require_ref_error();
    var util_1 = require_util();
    var error2 = {
      message: ({ params: { discrError, tagName } }) => discrError === types_1.DiscrError.Tag ? `tag "${tagName}" must be string` : `value of tag "${tagName}" must be in oneOf`,
      params: ({ params: { discrError, tag, tagName } }) => (0, codegen_1._)`{error: ${discrError}, tag: ${tagName}, tagValue: ${tag}}`
    };
    var def = {
      keyword: "discriminator",
      type: "object",
      schemaType: "object",
      error: error2,
      code(cxt) {
        const { gen, data, schema: schema2, parentSchema, it: it2 } = cxt;
        const { oneOf } = parentSchema;
        if (!it2.opts.discriminator) {
          throw new Error("discriminator: requires discriminator option");
        }
        const tagName = schema2.propertyName;
        if (typeof tagName != "string")
          throw new Error("discriminator: requires propertyName");
        if (schema2.mapping)
          throw new Error("discriminator: mapping is not supported");
        if (!oneOf)
          throw new Error("discriminator: requires oneOf keyword");
        const valid = gen.let("valid", false);
        const tag = gen.const("tag", (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(tagName)}`);
        gen.if((0, codegen_1._)`typeof ${tag} == "string"`, () => validateMapping(), () => cxt.error(false, { discrError: types_1.DiscrError.Tag, tag, tagName }));
        cxt.ok(valid);
        function validateMapping() {
          const mapping = getMapping();
          gen.if(false);
          for (const tagValue in mapping) {
            gen.elseIf((0, codegen_1._)`${tag} === ${tagValue}`);
            gen.assign(valid, applyTagSchema(mapping[tagValue]));
          }
          gen.else();
          cxt.error(false, { discrError: types_1.DiscrError.Mapping, tag, tagName });
          gen.endIf();
        }
        function applyTagSchema(schemaProp) {
          const _valid = gen.name("valid");
          const schCxt = cxt.subschema({ keyword: "oneOf", schemaProp }, _valid);
          cxt.mergeEvaluated(schCxt, codegen_1.Name);
          return _valid;
        }
        function getMapping() {
          var _a2;
          const oneOfMapping = {};
          const topRequired = hasRequired(parentSchema);
          let tagRequired = true;
          for (let i = 0; i < oneOf.length; i++) {
            let sch = oneOf[i];
            if ((sch === null || sch === void 0 ? void 0 : sch.$ref) && !(0, util_1.schemaHasRulesButRef)(sch, it2.self.RULES)) {
              const ref = sch.$ref;
              sch = compile_1.resolveRef.call(it2.self, it2.schemaEnv.root, it2.baseId, ref);
              if (sch instanceof compile_1.SchemaEnv)
                sch = sch.schema;
              if (sch === void 0)
                throw new ref_error_1.default(it2.opts.uriResolver, it2.baseId, ref);
            }
            const propSch = (_a2 = sch === null || sch === void 0 ? void 0 : sch.properties) === null || _a2 === void 0 ? void 0 : _a2[tagName];
            if (typeof propSch != "object") {
              throw new Error(`discriminator: oneOf subschemas (or referenced schemas) must have "properties/${tagName}"`);
            }
            tagRequired = tagRequired && (topRequired || hasRequired(sch));
            addMappings(propSch, i);
          }
          if (!tagRequired)
            throw new Error(`discriminator: "${tagName}" must be required`);
          return oneOfMapping;
          function hasRequired({ required }) {
            return Array.isArray(required) && required.includes(tagName);
          }
          function addMappings(sch, i) {
            if (sch.const) {
              addMapping(sch.const, i);
            } else if (sch.enum) {
              for (const tagValue of sch.enum) {
                addMapping(tagValue, i);
              }
            } else {
              throw new Error(`discriminator: "properties/${tagName}" must have "const" or "enum"`);
            }
          }
          function addMapping(tagValue, i) {
            if (typeof tagValue != "string" || tagValue in oneOfMapping) {
              throw new Error(`discriminator: "${tagName}" values must be unique strings`);
            }
            oneOfMapping[tagValue] = i;
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/refs/json-schema-draft-07.json
var require_json_schema_draft_07 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-draft-07.json"(exports, module) {
    module.exports = {
      $schema: "http://json-schema.org/draft-07/schema#",
      $id: "http://json-schema.org/draft-07/schema#",
      title: "Core schema meta-schema",
      definitions: {
        schemaArray: {
          type: "array",
          minItems: 1,
          items: { $ref: "#" }
        },
        nonNegativeInteger: {
          type: "integer",
          minimum: 0
        },
        nonNegativeIntegerDefault0: {
          allOf: [{ $ref: "#/definitions/nonNegativeInteger" }, { default: 0 }]
        },
        simpleTypes: {
          enum: ["array", "boolean", "integer", "null", "number", "object", "string"]
        },
        stringArray: {
          type: "array",
          items: { type: "string" },
          uniqueItems: true,
          default: []
        }
      },
      type: ["object", "boolean"],
      properties: {
        $id: {
          type: "string",
          format: "uri-reference"
        },
        $schema: {
          type: "string",
          format: "uri"
        },
        $ref: {
          type: "string",
          format: "uri-reference"
        },
        $comment: {
          type: "string"
        },
        title: {
          type: "string"
        },
        description: {
          type: "string"
        },
        default: true,
        readOnly: {
          type: "boolean",
          default: false
        },
        examples: {
          type: "array",
          items: true
        },
        multipleOf: {
          type: "number",
          exclusiveMinimum: 0
        },
        maximum: {
          type: "number"
        },
        exclusiveMaximum: {
          type: "number"
        },
        minimum: {
          type: "number"
        },
        exclusiveMinimum: {
          type: "number"
        },
        maxLength: { $ref: "#/definitions/nonNegativeInteger" },
        minLength: { $ref: "#/definitions/nonNegativeIntegerDefault0" },
        pattern: {
          type: "string",
          format: "regex"
        },
        additionalItems: { $ref: "#" },
        items: {
          anyOf: [{ $ref: "#" }, { $ref: "#/definitions/schemaArray" }],
          default: true
        },
        maxItems: { $ref: "#/definitions/nonNegativeInteger" },
        minItems: { $ref: "#/definitions/nonNegativeIntegerDefault0" },
        uniqueItems: {
          type: "boolean",
          default: false
        },
        contains: { $ref: "#" },
        maxProperties: { $ref: "#/definitions/nonNegativeInteger" },
        minProperties: { $ref: "#/definitions/nonNegativeIntegerDefault0" },
        required: { $ref: "#/definitions/stringArray" },
        additionalProperties: { $ref: "#" },
        definitions: {
          type: "object",
          additionalProperties: { $ref: "#" },
          default: {}
        },
        properties: {
          type: "object",
          additionalProperties: { $ref: "#" },
          default: {}
        },
        patternProperties: {
          type: "object",
          additionalProperties: { $ref: "#" },
          propertyNames: { format: "regex" },
          default: {}
        },
        dependencies: {
          type: "object",
          additionalProperties: {
            anyOf: [{ $ref: "#" }, { $ref: "#/definitions/stringArray" }]
          }
        },
        propertyNames: { $ref: "#" },
        const: true,
        enum: {
          type: "array",
          items: true,
          minItems: 1,
          uniqueItems: true
        },
        type: {
          anyOf: [
            { $ref: "#/definitions/simpleTypes" },
            {
              type: "array",
              items: { $ref: "#/definitions/simpleTypes" },
              minItems: 1,
              uniqueItems: true
            }
          ]
        },
        format: { type: "string" },
        contentMediaType: { type: "string" },
        contentEncoding: { type: "string" },
        if: { $ref: "#" },
        then: { $ref: "#" },
        else: { $ref: "#" },
        allOf: { $ref: "#/definitions/schemaArray" },
        anyOf: { $ref: "#/definitions/schemaArray" },
        oneOf: { $ref: "#/definitions/schemaArray" },
        not: { $ref: "#" }
      },
      default: true
    };
  }
});

// node_modules/ajv/dist/ajv.js
var require_ajv = __commonJS({
  "node_modules/ajv/dist/ajv.js"(exports, module) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.MissingRefError = exports.ValidationError = exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = exports.Ajv = void 0;
    var core_1 = require_core();
    var draft7_1 = require_draft7();
    var discriminator_1 = require_discriminator();
    var draft7MetaSchema = require_json_schema_draft_07();
    var META_SUPPORT_DATA = ["/properties"];
    var META_SCHEMA_ID = "http://json-schema.org/draft-07/schema";
    var Ajv2 = class extends core_1.default {
      _addVocabularies() {
        super._addVocabularies();
        draft7_1.default.forEach((v2) => this.addVocabulary(v2));
        if (this.opts.discriminator)
          this.addKeyword(discriminator_1.default);
      }
      _addDefaultMetaSchema() {
        super._addDefaultMetaSchema();
        if (!this.opts.meta)
          return;
        const metaSchema = this.opts.$data ? this.$dataMetaSchema(draft7MetaSchema, META_SUPPORT_DATA) : draft7MetaSchema;
        this.addMetaSchema(metaSchema, META_SCHEMA_ID, false);
        this.refs["http://json-schema.org/schema"] = META_SCHEMA_ID;
      }
      defaultMeta() {
        return this.opts.defaultMeta = super.defaultMeta() || (this.getSchema(META_SCHEMA_ID) ? META_SCHEMA_ID : void 0);
      }
    };
    exports.Ajv = Ajv2;
    module.exports = exports = Ajv2;
    module.exports.Ajv = Ajv2;
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.default = Ajv2;
    var validate_1 = require_validate();
    Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function() {
      return validate_1.KeywordCxt;
    } });
    var codegen_1 = require_codegen();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return codegen_1._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return codegen_1.str;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return codegen_1.stringify;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return codegen_1.nil;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return codegen_1.Name;
    } });
    Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function() {
      return codegen_1.CodeGen;
    } });
    var validation_error_1 = require_validation_error();
    Object.defineProperty(exports, "ValidationError", { enumerable: true, get: function() {
      return validation_error_1.default;
    } });
    var ref_error_1 = require_ref_error();
    Object.defineProperty(exports, "MissingRefError", { enumerable: true, get: function() {
      return ref_error_1.default;
    } });
  }
});

// node_modules/balanced-match/dist/esm/index.js
var range;
var init_esm = __esm({
  "node_modules/balanced-match/dist/esm/index.js"() {
    range = (a, b, str3) => {
      let begs, beg, left, right = void 0, result;
      let ai2 = str3.indexOf(a);
      let bi2 = str3.indexOf(b, ai2 + 1);
      let i = ai2;
      if (ai2 >= 0 && bi2 > 0) {
        if (a === b) {
          return [ai2, bi2];
        }
        begs = [];
        left = str3.length;
        while (i >= 0 && !result) {
          if (i === ai2) {
            begs.push(i);
            ai2 = str3.indexOf(a, i + 1);
          } else if (begs.length === 1) {
            const r7 = begs.pop();
            if (r7 !== void 0)
              result = [r7, bi2];
          } else {
            beg = begs.pop();
            if (beg !== void 0 && beg < left) {
              left = beg;
              right = bi2;
            }
            bi2 = str3.indexOf(b, i + 1);
          }
          i = ai2 < bi2 && ai2 >= 0 ? ai2 : bi2;
        }
        if (begs.length && right !== void 0) {
          result = [left, right];
        }
      }
      return result;
    };
  }
});

// node_modules/brace-expansion/dist/esm/index.js
function numeric(str3) {
  return !isNaN(str3) ? parseInt(str3, 10) : str3.charCodeAt(0);
}
function escapeBraces(str3) {
  return str3.replace(slashPattern, escSlash).replace(openPattern, escOpen).replace(closePattern, escClose).replace(commaPattern, escComma).replace(periodPattern, escPeriod);
}
function unescapeBraces(str3) {
  return str3.replace(escSlashPattern, "\\").replace(escOpenPattern, "{").replace(escClosePattern, "}").replace(escCommaPattern, ",").replace(escPeriodPattern, ".");
}
function pushAll(target, items) {
  for (let i = 0; i < items.length; i++) {
    target.push(items[i]);
  }
}
function balancedWithBudget(str3, masked, budget) {
  if (budget.remaining < 0) {
    return void 0;
  }
  const r7 = range("{", "}", masked);
  const unmatched = r7 !== void 0 && masked.indexOf("{") < r7[0];
  budget.remaining -= r7 && !unmatched ? r7[1] + 1 : str3.length;
  if (!r7 || budget.remaining < 0) {
    return void 0;
  }
  return {
    end: r7[1],
    pre: str3.slice(0, r7[0]),
    body: str3.slice(r7[0] + 1, r7[1]),
    post: str3.slice(r7[1] + 1),
    unmatched
  };
}
function maskUnmatchedOpens(masked, budget) {
  budget.remaining -= masked.length;
  const open = [];
  for (let i = 0; i < masked.length; i++) {
    const c = masked.charCodeAt(i);
    if (c === 123) {
      open.push(i);
    } else if (c === 125 && open.length) {
      open.pop();
    }
  }
  let out = "";
  let last = 0;
  for (let i = 0; i < open.length; i++) {
    const at2 = open[i];
    out += masked.slice(last, at2) + "\0";
    last = at2 + 1;
  }
  return out + masked.slice(last);
}
function commaSetFollows(str3, budget) {
  budget.remaining -= str3.length;
  if (budget.remaining < 0) {
    return false;
  }
  let close = false;
  for (let i = str3.length - 1; i >= 0; i--) {
    const c = str3.charCodeAt(i);
    if (c === 125) {
      close = true;
    } else if (c === 10 || c === 13 || c === 8232 || c === 8233) {
      close = false;
    } else if (c === 44 && close && str3.charCodeAt(i + 1) !== 44) {
      return true;
    }
  }
  return false;
}
function parseCommaParts(str3, budget) {
  const parts = [];
  let carry = "";
  for (; ; ) {
    const m = balancedWithBudget(str3, str3, budget);
    if (budget.remaining < 0) {
      return void 0;
    }
    if (!m) {
      const tail = str3.split(",");
      tail[0] = carry + tail[0];
      pushAll(parts, tail);
      return parts;
    }
    const { pre, body, post } = m;
    const p = pre.split(",");
    p[0] = carry + p[0];
    p[p.length - 1] += "{" + body + "}";
    if (!post.length) {
      pushAll(parts, p);
      return parts;
    }
    carry = p.pop();
    pushAll(parts, p);
    str3 = post;
  }
}
function bound(value, fallback) {
  return value === void 0 || isNaN(value) ? fallback : value;
}
function expand(str3, options = {}) {
  if (!str3) {
    return [];
  }
  const max = bound(options.max, EXPANSION_MAX);
  const maxLength = bound(options.maxLength, EXPANSION_MAX_LENGTH);
  const maxDepth = bound(options.maxDepth, EXPANSION_MAX_DEPTH);
  const maxRewrites = bound(options.maxRewrites, EXPANSION_MAX_REWRITES);
  const maxSteps = bound(options.maxSteps, EXPANSION_MAX_STEPS);
  if (str3.slice(0, 2) === "{}") {
    str3 = "\\{\\}" + str3.slice(2);
  }
  return expand_(escapeBraces(str3), max, maxLength, maxDepth, 0, maxRewrites, { remaining: maxSteps }, true).map(unescapeBraces);
}
function embrace(str3) {
  return "{" + str3 + "}";
}
function isPadded(el) {
  return /^-?0\d/.test(el);
}
function lte(i, y) {
  return i <= y;
}
function gte(i, y) {
  return i >= y;
}
function combine(acc, pre, values, max, maxLength, dropEmpties, budget) {
  const out = [];
  let length = 0;
  let nonEmpty;
  outer: for (let a = 0; a < acc.length; a++) {
    const prefix = acc[a] + pre;
    let vs2 = values;
    if (dropEmpties && !prefix) {
      if (!nonEmpty)
        nonEmpty = values.filter((v2) => v2);
      vs2 = nonEmpty;
    }
    for (let v2 = 0; v2 < vs2.length; v2++) {
      if (out.length >= max)
        break outer;
      const expansion = prefix + vs2[v2];
      if (length + expansion.length > maxLength)
        break outer;
      out.push(expansion);
      length += expansion.length;
    }
  }
  budget.remaining -= out.length;
  return out;
}
function expandSequence(body, isAlphaSequence, max, maxLength, budget) {
  const n = body.split(/\.\./);
  const N2 = [];
  if (n[0] === void 0 || n[1] === void 0) {
    return N2;
  }
  const x = numeric(n[0]);
  const y = numeric(n[1]);
  const width = Math.max(n[0].length, n[1].length);
  let incr = n.length === 3 && n[2] !== void 0 ? Math.max(Math.abs(numeric(n[2])), 1) : 1;
  let test = lte;
  const reverse = y < x;
  if (reverse) {
    incr *= -1;
    test = gte;
  }
  const pad = n.some(isPadded);
  const cost = pad ? width : 1;
  let length = 0;
  for (let i = x; test(i, y) && N2.length < max; i += incr) {
    budget.remaining -= cost;
    if (budget.remaining < 0) {
      return void 0;
    }
    let c;
    if (isAlphaSequence) {
      c = String.fromCharCode(i);
      if (c === "\\") {
        c = "";
      }
    } else {
      c = String(i);
      if (pad) {
        const need = width - c.length;
        if (need > 0) {
          const z2 = new Array(need + 1).join("0");
          if (i < 0) {
            c = "-" + z2 + c.slice(1);
          } else {
            c = z2 + c;
          }
        }
      }
    }
    if (length + c.length > maxLength)
      break;
    N2.push(c);
    length += c.length;
  }
  return N2;
}
function expand_(str3, max, maxLength, maxDepth, depth, maxRewrites, budget, isTop) {
  budget.remaining -= CALL_STEPS;
  if (depth > maxDepth) {
    return [str3];
  }
  let acc = [""];
  let rewrites = 0;
  let dropEmpties = false;
  let firstGroup = true;
  let masked = str3;
  for (; ; ) {
    const m = balancedWithBudget(str3, masked, budget);
    if (!m) {
      return combine(acc, str3, [""], max, maxLength, dropEmpties, budget);
    }
    if (m.unmatched) {
      masked = maskUnmatchedOpens(masked, budget);
    }
    const pre = m.pre;
    const literal = () => combine(acc, pre + "{" + m.body + "}" + m.post, [""], max, maxLength, dropEmpties, budget);
    if (/\$$/.test(pre)) {
      acc = combine(acc, pre + "{" + m.body + "}", [""], max, maxLength, dropEmpties && !m.post.length, budget);
      firstGroup = false;
      if (!m.post.length)
        break;
      str3 = m.post;
      masked = masked.slice(m.end + 1);
      continue;
    }
    const isNumericSequence = /^-?\d+\.\.-?\d+(?:\.\.-?\d+)?$/.test(m.body);
    const isAlphaSequence = /^[a-zA-Z]\.\.[a-zA-Z](?:\.\.-?\d+)?$/.test(m.body);
    const isSequence = isNumericSequence || isAlphaSequence;
    const isOptions = m.body.indexOf(",") >= 0;
    if (!isSequence && !isOptions) {
      if (rewrites < maxRewrites && commaSetFollows(m.post, budget)) {
        rewrites++;
        str3 = m.pre + "{" + m.body + escClose + m.post;
        masked = masked.slice(0, m.end) + escClose + masked.slice(m.end + 1);
        isTop = true;
        continue;
      }
      return literal();
    }
    if (firstGroup) {
      dropEmpties = isTop && !isSequence;
      firstGroup = false;
    }
    let values;
    if (isSequence) {
      values = expandSequence(m.body, isAlphaSequence, max, maxLength, budget);
      if (!values) {
        return literal();
      }
    } else {
      let n = parseCommaParts(m.body, budget);
      if (!n) {
        return literal();
      }
      if (n.length === 1 && n[0] !== void 0) {
        n = expand_(n[0], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false).map(embrace);
        if (budget.remaining < 0) {
          return literal();
        }
        if (n.length === 1) {
          const next2 = combine(acc, pre + n[0], [""], max, maxLength, dropEmpties && !m.post.length, budget);
          if (budget.remaining < 0) {
            return literal();
          }
          acc = next2;
          if (!m.post.length)
            break;
          str3 = m.post;
          masked = masked.slice(m.end + 1);
          continue;
        }
      }
      let dropsEmpties = dropEmpties && !m.post.length && !pre;
      for (let d = 0; dropsEmpties && d < acc.length; d++) {
        if (acc[d]) {
          dropsEmpties = false;
        }
      }
      values = [];
      let valuesLength = 0;
      outer: for (let j2 = 0; j2 < n.length; j2++) {
        const expanded = expand_(n[j2], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false);
        if (budget.remaining < 0) {
          return literal();
        }
        for (let k2 = 0; k2 < expanded.length; k2++) {
          const v2 = expanded[k2];
          if (dropsEmpties && !v2)
            continue;
          if (values.length >= max || valuesLength + v2.length > maxLength) {
            break outer;
          }
          values.push(v2);
          valuesLength += v2.length;
        }
      }
    }
    const next = combine(acc, pre, values, max, maxLength, dropEmpties && !m.post.length, budget);
    if (budget.remaining < 0) {
      return literal();
    }
    acc = next;
    if (!m.post.length)
      break;
    str3 = m.post;
    masked = masked.slice(m.end + 1);
  }
  return acc;
}
var escSlash, escOpen, escClose, escComma, escPeriod, escSlashPattern, escOpenPattern, escClosePattern, escCommaPattern, escPeriodPattern, slashPattern, openPattern, closePattern, commaPattern, periodPattern, EXPANSION_MAX, EXPANSION_MAX_LENGTH, EXPANSION_MAX_DEPTH, EXPANSION_MAX_REWRITES, EXPANSION_MAX_STEPS, CALL_STEPS;
var init_esm2 = __esm({
  "node_modules/brace-expansion/dist/esm/index.js"() {
    init_esm();
    escSlash = "\0SLASH" + Math.random().toFixed(16) + "\0";
    escOpen = "\0OPEN" + Math.random().toFixed(16) + "\0";
    escClose = "\0CLOSE" + Math.random().toFixed(16) + "\0";
    escComma = "\0COMMA" + Math.random().toFixed(16) + "\0";
    escPeriod = "\0PERIOD" + Math.random().toFixed(16) + "\0";
    escSlashPattern = new RegExp(escSlash, "g");
    escOpenPattern = new RegExp(escOpen, "g");
    escClosePattern = new RegExp(escClose, "g");
    escCommaPattern = new RegExp(escComma, "g");
    escPeriodPattern = new RegExp(escPeriod, "g");
    slashPattern = /\\\\/g;
    openPattern = /\\{/g;
    closePattern = /\\}/g;
    commaPattern = /\\,/g;
    periodPattern = /\\\./g;
    EXPANSION_MAX = 1e5;
    EXPANSION_MAX_LENGTH = 4e6;
    EXPANSION_MAX_DEPTH = 1e3;
    EXPANSION_MAX_REWRITES = 1e3;
    EXPANSION_MAX_STEPS = 2e7;
    CALL_STEPS = 16;
  }
});

// node_modules/minimatch/dist/esm/assert-valid-pattern.js
var MAX_PATTERN_LENGTH, assertValidPattern;
var init_assert_valid_pattern = __esm({
  "node_modules/minimatch/dist/esm/assert-valid-pattern.js"() {
    MAX_PATTERN_LENGTH = 1024 * 64;
    assertValidPattern = (pattern) => {
      if (typeof pattern !== "string") {
        throw new TypeError("invalid pattern");
      }
      if (pattern.length > MAX_PATTERN_LENGTH) {
        throw new TypeError("pattern is too long");
      }
    };
  }
});

// node_modules/minimatch/dist/esm/brace-expressions.js
var posixClasses, braceEscape, regexpEscape, rangesToString, parseClass;
var init_brace_expressions = __esm({
  "node_modules/minimatch/dist/esm/brace-expressions.js"() {
    posixClasses = {
      "[:alnum:]": ["\\p{L}\\p{Nl}\\p{Nd}", true],
      "[:alpha:]": ["\\p{L}\\p{Nl}", true],
      "[:ascii:]": ["\\x00-\\x7f", false],
      "[:blank:]": ["\\p{Zs}\\t", true],
      "[:cntrl:]": ["\\p{Cc}", true],
      "[:digit:]": ["\\p{Nd}", true],
      "[:graph:]": ["\\p{Z}\\p{C}", true, true],
      "[:lower:]": ["\\p{Ll}", true],
      "[:print:]": ["\\p{C}", true],
      "[:punct:]": ["\\p{P}", true],
      "[:space:]": ["\\p{Z}\\t\\r\\n\\v\\f", true],
      "[:upper:]": ["\\p{Lu}", true],
      "[:word:]": ["\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}", true],
      "[:xdigit:]": ["A-Fa-f0-9", false]
    };
    braceEscape = (s) => s.replace(/[[\]\\-]/g, "\\$&");
    regexpEscape = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, "\\$&");
    rangesToString = (ranges) => ranges.join("");
    parseClass = (glob, position) => {
      const pos = position;
      if (glob.charAt(pos) !== "[") {
        throw new Error("not in a brace expression");
      }
      const ranges = [];
      const negs = [];
      let i = pos + 1;
      let sawStart = false;
      let uflag = false;
      let escaping = false;
      let negate = false;
      let endPos = pos;
      let rangeStart = "";
      WHILE: while (i < glob.length) {
        const c = glob.charAt(i);
        if ((c === "!" || c === "^") && i === pos + 1) {
          negate = true;
          i++;
          continue;
        }
        if (c === "]" && sawStart && !escaping) {
          endPos = i + 1;
          break;
        }
        sawStart = true;
        if (c === "\\") {
          if (!escaping) {
            escaping = true;
            i++;
            continue;
          }
        }
        if (c === "[" && !escaping) {
          for (const [cls, [unip, u, neg]] of Object.entries(posixClasses)) {
            if (glob.startsWith(cls, i)) {
              if (rangeStart) {
                return ["$.", false, glob.length - pos, true];
              }
              i += cls.length;
              if (neg)
                negs.push(unip);
              else
                ranges.push(unip);
              uflag = uflag || u;
              continue WHILE;
            }
          }
        }
        escaping = false;
        if (rangeStart) {
          if (c > rangeStart) {
            ranges.push(braceEscape(rangeStart) + "-" + braceEscape(c));
          } else if (c === rangeStart) {
            ranges.push(braceEscape(c));
          }
          rangeStart = "";
          i++;
          continue;
        }
        if (glob.startsWith("-]", i + 1)) {
          ranges.push(braceEscape(c + "-"));
          i += 2;
          continue;
        }
        if (glob.startsWith("-", i + 1)) {
          rangeStart = c;
          i += 2;
          continue;
        }
        ranges.push(braceEscape(c));
        i++;
      }
      if (endPos < i) {
        return ["", false, 0, false];
      }
      if (!ranges.length && !negs.length) {
        return ["$.", false, glob.length - pos, true];
      }
      if (negs.length === 0 && ranges.length === 1 && /^\\?.$/.test(ranges[0]) && !negate) {
        const r7 = ranges[0].length === 2 ? ranges[0].slice(-1) : ranges[0];
        return [regexpEscape(r7), false, endPos - pos, false];
      }
      const sranges = "[" + (negate ? "^" : "") + rangesToString(ranges) + "]";
      const snegs = "[" + (negate ? "" : "^") + rangesToString(negs) + "]";
      const comb = ranges.length && negs.length ? "(" + sranges + "|" + snegs + ")" : ranges.length ? sranges : snegs;
      return [comb, uflag, endPos - pos, true];
    };
  }
});

// node_modules/minimatch/dist/esm/unescape.js
var unescape;
var init_unescape = __esm({
  "node_modules/minimatch/dist/esm/unescape.js"() {
    unescape = (s, { windowsPathsNoEscape = false, magicalBraces = true } = {}) => {
      if (magicalBraces) {
        return windowsPathsNoEscape ? s.replace(/\[([^/\\])\]/g, "$1") : s.replace(/((?!\\).|^)\[([^/\\])\]/g, "$1$2").replace(/\\([^/])/g, "$1");
      }
      return windowsPathsNoEscape ? s.replace(/\[([^/\\{}])\]/g, "$1") : s.replace(/((?!\\).|^)\[([^/\\{}])\]/g, "$1$2").replace(/\\([^/{}])/g, "$1");
    };
  }
});

// node_modules/minimatch/dist/esm/ast.js
var _a, types2, isExtglobType, isExtglobAST, adoptionMap, adoptionWithSpaceMap, adoptionAnyMap, usurpMap, startNoTraversal, startNoDot, addPatternStart, justDots, reSpecials, regExpEscape, qmark, star, starNoEmpty, ID, AST;
var init_ast = __esm({
  "node_modules/minimatch/dist/esm/ast.js"() {
    init_brace_expressions();
    init_unescape();
    types2 = /* @__PURE__ */ new Set(["!", "?", "+", "*", "@"]);
    isExtglobType = (c) => types2.has(c);
    isExtglobAST = (c) => isExtglobType(c.type);
    adoptionMap = /* @__PURE__ */ new Map([
      ["!", ["@"]],
      ["?", ["?", "@"]],
      ["@", ["@"]],
      ["*", ["*", "+", "?", "@"]],
      ["+", ["+", "@"]]
    ]);
    adoptionWithSpaceMap = /* @__PURE__ */ new Map([
      ["!", ["?"]],
      ["@", ["?"]],
      ["+", ["?", "*"]]
    ]);
    adoptionAnyMap = /* @__PURE__ */ new Map([
      ["!", ["?", "@"]],
      ["?", ["?", "@"]],
      ["@", ["?", "@"]],
      ["*", ["*", "+", "?", "@"]],
      ["+", ["+", "@", "?", "*"]]
    ]);
    usurpMap = /* @__PURE__ */ new Map([
      ["!", /* @__PURE__ */ new Map([["!", "@"]])],
      [
        "?",
        /* @__PURE__ */ new Map([
          ["*", "*"],
          ["+", "*"]
        ])
      ],
      [
        "@",
        /* @__PURE__ */ new Map([
          ["!", "!"],
          ["?", "?"],
          ["@", "@"],
          ["*", "*"],
          ["+", "+"]
        ])
      ],
      [
        "+",
        /* @__PURE__ */ new Map([
          ["?", "*"],
          ["*", "*"]
        ])
      ]
    ]);
    startNoTraversal = "(?!(?:^|/)\\.\\.?(?:$|/))";
    startNoDot = "(?!\\.)";
    addPatternStart = /* @__PURE__ */ new Set(["[", "."]);
    justDots = /* @__PURE__ */ new Set(["..", "."]);
    reSpecials = new Set("().*{}+?[]^$\\!");
    regExpEscape = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, "\\$&");
    qmark = "[^/]";
    star = qmark + "*?";
    starNoEmpty = qmark + "+?";
    ID = 0;
    AST = class {
      type;
      #root;
      #hasMagic;
      #uflag = false;
      #parts = [];
      #parent;
      #parentIndex;
      #negs;
      #filledNegs = false;
      #options;
      #toString;
      // set to true if it's an extglob with no children
      // (which really means one child of '')
      #emptyExt = false;
      id = ++ID;
      get depth() {
        return (this.#parent?.depth ?? -1) + 1;
      }
      [/* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom")]() {
        return {
          "@@type": "AST",
          id: this.id,
          type: this.type,
          root: this.#root.id,
          parent: this.#parent?.id,
          depth: this.depth,
          partsLength: this.#parts.length,
          parts: this.#parts
        };
      }
      constructor(type2, parent, options = {}) {
        this.type = type2;
        if (type2)
          this.#hasMagic = true;
        this.#parent = parent;
        this.#root = this.#parent ? this.#parent.#root : this;
        this.#options = this.#root === this ? options : this.#root.#options;
        this.#negs = this.#root === this ? [] : this.#root.#negs;
        if (type2 === "!" && !this.#root.#filledNegs)
          this.#negs.push(this);
        this.#parentIndex = this.#parent ? this.#parent.#parts.length : 0;
      }
      get hasMagic() {
        if (this.#hasMagic !== void 0)
          return this.#hasMagic;
        for (const p of this.#parts) {
          if (typeof p === "string")
            continue;
          if (p.type || p.hasMagic)
            return this.#hasMagic = true;
        }
        return this.#hasMagic;
      }
      // reconstructs the pattern
      toString() {
        return this.#toString !== void 0 ? this.#toString : !this.type ? this.#toString = this.#parts.map((p) => String(p)).join("") : this.#toString = this.type + "(" + this.#parts.map((p) => String(p)).join("|") + ")";
      }
      #fillNegs() {
        if (this !== this.#root)
          throw new Error("should only call on root");
        if (this.#filledNegs)
          return this;
        this.toString();
        this.#filledNegs = true;
        let n;
        while (n = this.#negs.pop()) {
          if (n.type !== "!")
            continue;
          let p = n;
          let pp = p.#parent;
          while (pp) {
            for (let i = p.#parentIndex + 1; !pp.type && i < pp.#parts.length; i++) {
              for (const part of n.#parts) {
                if (typeof part === "string") {
                  throw new Error("string part in extglob AST??");
                }
                part.copyIn(pp.#parts[i]);
              }
            }
            p = pp;
            pp = p.#parent;
          }
        }
        return this;
      }
      push(...parts) {
        for (const p of parts) {
          if (p === "")
            continue;
          if (typeof p !== "string" && !(p instanceof _a && p.#parent === this)) {
            throw new Error("invalid part: " + p);
          }
          this.#parts.push(p);
        }
      }
      toJSON() {
        const ret = this.type === null ? this.#parts.slice().map((p) => typeof p === "string" ? p : p.toJSON()) : [this.type, ...this.#parts.map((p) => p.toJSON())];
        if (this.isStart() && !this.type)
          ret.unshift([]);
        if (this.isEnd() && (this === this.#root || this.#root.#filledNegs && this.#parent?.type === "!")) {
          ret.push({});
        }
        return ret;
      }
      isStart() {
        if (this.#root === this)
          return true;
        if (!this.#parent?.isStart())
          return false;
        if (this.#parentIndex === 0)
          return true;
        const p = this.#parent;
        for (let i = 0; i < this.#parentIndex; i++) {
          const pp = p.#parts[i];
          if (!(pp instanceof _a && pp.type === "!")) {
            return false;
          }
        }
        return true;
      }
      isEnd() {
        if (this.#root === this)
          return true;
        if (this.#parent?.type === "!")
          return true;
        if (!this.#parent?.isEnd())
          return false;
        if (!this.type)
          return this.#parent?.isEnd();
        const pl = this.#parent ? this.#parent.#parts.length : 0;
        return this.#parentIndex === pl - 1;
      }
      copyIn(part) {
        if (typeof part === "string")
          this.push(part);
        else
          this.push(part.clone(this));
      }
      clone(parent) {
        const c = new _a(this.type, parent);
        for (const p of this.#parts) {
          c.copyIn(p);
        }
        return c;
      }
      static #parseAST(str3, ast, pos, opt, extDepth) {
        const maxDepth = opt.maxExtglobRecursion ?? 2;
        let escaping = false;
        let inBrace = false;
        let braceStart = -1;
        let braceNeg = false;
        if (ast.type === null) {
          let i2 = pos;
          let acc2 = "";
          while (i2 < str3.length) {
            const c = str3.charAt(i2++);
            if (escaping || c === "\\") {
              escaping = !escaping;
              acc2 += c;
              continue;
            }
            if (inBrace) {
              if (i2 === braceStart + 1) {
                if (c === "^" || c === "!") {
                  braceNeg = true;
                }
              } else if (c === "]" && !(i2 === braceStart + 2 && braceNeg)) {
                inBrace = false;
              }
              acc2 += c;
              continue;
            } else if (c === "[") {
              inBrace = true;
              braceStart = i2;
              braceNeg = false;
              acc2 += c;
              continue;
            }
            const doRecurse = !opt.noext && isExtglobType(c) && str3.charAt(i2) === "(" && extDepth <= maxDepth;
            if (doRecurse) {
              ast.push(acc2);
              acc2 = "";
              const ext2 = new _a(c, ast);
              i2 = _a.#parseAST(str3, ext2, i2, opt, extDepth + 1);
              ast.push(ext2);
              continue;
            }
            acc2 += c;
          }
          ast.push(acc2);
          return i2;
        }
        let i = pos + 1;
        let part = new _a(null, ast);
        const parts = [];
        let acc = "";
        while (i < str3.length) {
          const c = str3.charAt(i++);
          if (escaping || c === "\\") {
            escaping = !escaping;
            acc += c;
            continue;
          }
          if (inBrace) {
            if (i === braceStart + 1) {
              if (c === "^" || c === "!") {
                braceNeg = true;
              }
            } else if (c === "]" && !(i === braceStart + 2 && braceNeg)) {
              inBrace = false;
            }
            acc += c;
            continue;
          } else if (c === "[") {
            inBrace = true;
            braceStart = i;
            braceNeg = false;
            acc += c;
            continue;
          }
          const doRecurse = !opt.noext && isExtglobType(c) && str3.charAt(i) === "(" && /* c8 ignore start - the maxDepth is sufficient here */
          (extDepth <= maxDepth || ast && ast.#canAdoptType(c));
          if (doRecurse) {
            const depthAdd = ast && ast.#canAdoptType(c) ? 0 : 1;
            part.push(acc);
            acc = "";
            const ext2 = new _a(c, part);
            part.push(ext2);
            i = _a.#parseAST(str3, ext2, i, opt, extDepth + depthAdd);
            continue;
          }
          if (c === "|") {
            part.push(acc);
            acc = "";
            parts.push(part);
            part = new _a(null, ast);
            continue;
          }
          if (c === ")") {
            if (acc === "" && ast.#parts.length === 0) {
              ast.#emptyExt = true;
            }
            part.push(acc);
            acc = "";
            ast.push(...parts, part);
            return i;
          }
          acc += c;
        }
        ast.type = null;
        ast.#hasMagic = void 0;
        ast.#parts = [str3.substring(pos - 1)];
        return i;
      }
      #canAdoptWithSpace(child) {
        return this.#canAdopt(child, adoptionWithSpaceMap);
      }
      #canAdopt(child, map2 = adoptionMap) {
        if (!child || typeof child !== "object" || child.type !== null || child.#parts.length !== 1 || this.type === null) {
          return false;
        }
        const gc = child.#parts[0];
        if (!gc || typeof gc !== "object" || gc.type === null) {
          return false;
        }
        return this.#canAdoptType(gc.type, map2);
      }
      #canAdoptType(c, map2 = adoptionAnyMap) {
        return !!map2.get(this.type)?.includes(c);
      }
      #adoptWithSpace(child, index2) {
        const gc = child.#parts[0];
        const blank = new _a(null, gc, this.options);
        blank.#parts.push("");
        gc.push(blank);
        this.#adopt(child, index2);
      }
      #adopt(child, index2) {
        const gc = child.#parts[0];
        this.#parts.splice(index2, 1, ...gc.#parts);
        for (const p of gc.#parts) {
          if (typeof p === "object")
            p.#parent = this;
        }
        this.#toString = void 0;
      }
      #canUsurpType(c) {
        const m = usurpMap.get(this.type);
        return !!m?.has(c);
      }
      #canUsurp(child) {
        if (!child || typeof child !== "object" || child.type !== null || child.#parts.length !== 1 || this.type === null || this.#parts.length !== 1) {
          return false;
        }
        const gc = child.#parts[0];
        if (!gc || typeof gc !== "object" || gc.type === null) {
          return false;
        }
        return this.#canUsurpType(gc.type);
      }
      #usurp(child) {
        const m = usurpMap.get(this.type);
        const gc = child.#parts[0];
        const nt2 = m?.get(gc.type);
        if (!nt2)
          return false;
        this.#parts = gc.#parts;
        for (const p of this.#parts) {
          if (typeof p === "object") {
            p.#parent = this;
          }
        }
        this.type = nt2;
        this.#toString = void 0;
        this.#emptyExt = false;
      }
      static fromGlob(pattern, options = {}) {
        const ast = new _a(null, void 0, options);
        _a.#parseAST(pattern, ast, 0, options, 0);
        return ast;
      }
      // returns the regular expression if there's magic, or the unescaped
      // string if not.
      toMMPattern() {
        if (this !== this.#root)
          return this.#root.toMMPattern();
        const glob = this.toString();
        const [re2, body, hasMagic, uflag] = this.toRegExpSource();
        const anyMagic = hasMagic || this.#hasMagic || this.#options.nocase && !this.#options.nocaseMagicOnly && glob.toUpperCase() !== glob.toLowerCase();
        if (!anyMagic) {
          return body;
        }
        const flags = (this.#options.nocase ? "i" : "") + (uflag ? "u" : "");
        return Object.assign(new RegExp(`^${re2}$`, flags), {
          _src: re2,
          _glob: glob
        });
      }
      get options() {
        return this.#options;
      }
      // returns the string match, the regexp source, whether there's magic
      // in the regexp (so a regular expression is required) and whether or
      // not the uflag is needed for the regular expression (for posix classes)
      // TODO: instead of injecting the start/end at this point, just return
      // the BODY of the regexp, along with the start/end portions suitable
      // for binding the start/end in either a joined full-path makeRe context
      // (where we bind to (^|/), or a standalone matchPart context (where
      // we bind to ^, and not /).  Otherwise slashes get duped!
      //
      // In part-matching mode, the start is:
      // - if not isStart: nothing
      // - if traversal possible, but not allowed: ^(?!\.\.?$)
      // - if dots allowed or not possible: ^
      // - if dots possible and not allowed: ^(?!\.)
      // end is:
      // - if not isEnd(): nothing
      // - else: $
      //
      // In full-path matching mode, we put the slash at the START of the
      // pattern, so start is:
      // - if first pattern: same as part-matching mode
      // - if not isStart(): nothing
      // - if traversal possible, but not allowed: /(?!\.\.?(?:$|/))
      // - if dots allowed or not possible: /
      // - if dots possible and not allowed: /(?!\.)
      // end is:
      // - if last pattern, same as part-matching mode
      // - else nothing
      //
      // Always put the (?:$|/) on negated tails, though, because that has to be
      // there to bind the end of the negated pattern portion, and it's easier to
      // just stick it in now rather than try to inject it later in the middle of
      // the pattern.
      //
      // We can just always return the same end, and leave it up to the caller
      // to know whether it's going to be used joined or in parts.
      // And, if the start is adjusted slightly, can do the same there:
      // - if not isStart: nothing
      // - if traversal possible, but not allowed: (?:/|^)(?!\.\.?$)
      // - if dots allowed or not possible: (?:/|^)
      // - if dots possible and not allowed: (?:/|^)(?!\.)
      //
      // But it's better to have a simpler binding without a conditional, for
      // performance, so probably better to return both start options.
      //
      // Then the caller just ignores the end if it's not the first pattern,
      // and the start always gets applied.
      //
      // But that's always going to be $ if it's the ending pattern, or nothing,
      // so the caller can just attach $ at the end of the pattern when building.
      //
      // So the todo is:
      // - better detect what kind of start is needed
      // - return both flavors of starting pattern
      // - attach $ at the end of the pattern when creating the actual RegExp
      //
      // Ah, but wait, no, that all only applies to the root when the first pattern
      // is not an extglob. If the first pattern IS an extglob, then we need all
      // that dot prevention biz to live in the extglob portions, because eg
      // +(*|.x*) can match .xy but not .yx.
      //
      // So, return the two flavors if it's #root and the first child is not an
      // AST, otherwise leave it to the child AST to handle it, and there,
      // use the (?:^|/) style of start binding.
      //
      // Even simplified further:
      // - Since the start for a join is eg /(?!\.) and the start for a part
      // is ^(?!\.), we can just prepend (?!\.) to the pattern (either root
      // or start or whatever) and prepend ^ or / at the Regexp construction.
      toRegExpSource(allowDot) {
        const dot = allowDot ?? !!this.#options.dot;
        if (this.#root === this) {
          this.#flatten();
          this.#fillNegs();
        }
        if (!isExtglobAST(this)) {
          const noEmpty = this.isStart() && this.isEnd() && !this.#parts.some((s) => typeof s !== "string");
          const src = this.#parts.map((p) => {
            const [re2, _2, hasMagic, uflag] = typeof p === "string" ? _a.#parseGlob(p, this.#hasMagic, noEmpty) : p.toRegExpSource(allowDot);
            this.#hasMagic = this.#hasMagic || hasMagic;
            this.#uflag = this.#uflag || uflag;
            return re2;
          }).join("");
          let start2 = "";
          if (this.isStart()) {
            if (typeof this.#parts[0] === "string") {
              const dotTravAllowed = this.#parts.length === 1 && justDots.has(this.#parts[0]);
              if (!dotTravAllowed) {
                const aps = addPatternStart;
                const needNoTrav = (
                  // dots are allowed, and the pattern starts with [ or .
                  dot && aps.has(src.charAt(0)) || // the pattern starts with \., and then [ or .
                  src.startsWith("\\.") && aps.has(src.charAt(2)) || // the pattern starts with \.\., and then [ or .
                  src.startsWith("\\.\\.") && aps.has(src.charAt(4))
                );
                const needNoDot = !dot && !allowDot && aps.has(src.charAt(0));
                start2 = needNoTrav ? startNoTraversal : needNoDot ? startNoDot : "";
              }
            }
          }
          let end = "";
          if (this.isEnd() && this.#root.#filledNegs && this.#parent?.type === "!") {
            end = "(?:$|\\/)";
          }
          const final2 = start2 + src + end;
          return [
            final2,
            unescape(src),
            this.#hasMagic = !!this.#hasMagic,
            this.#uflag
          ];
        }
        const repeated = this.type === "*" || this.type === "+";
        const start = this.type === "!" ? "(?:(?!(?:" : "(?:";
        let body = this.#partsToRegExp(dot);
        if (this.isStart() && this.isEnd() && !body && this.type !== "!") {
          const s = this.toString();
          const me2 = this;
          me2.#parts = [s];
          me2.type = null;
          me2.#hasMagic = void 0;
          return [s, unescape(this.toString()), false, false];
        }
        let bodyDotAllowed = !repeated || allowDot || dot || !startNoDot ? "" : this.#partsToRegExp(true);
        if (bodyDotAllowed === body) {
          bodyDotAllowed = "";
        }
        if (bodyDotAllowed) {
          body = `(?:${body})(?:${bodyDotAllowed})*?`;
        }
        let final = "";
        if (this.type === "!" && this.#emptyExt) {
          final = (this.isStart() && !dot ? startNoDot : "") + starNoEmpty;
        } else {
          const close = this.type === "!" ? (
            // !() must match something,but !(x) can match ''
            "))" + (this.isStart() && !dot && !allowDot ? startNoDot : "") + star + ")"
          ) : this.type === "@" ? ")" : this.type === "?" ? ")?" : this.type === "+" && bodyDotAllowed ? ")" : this.type === "*" && bodyDotAllowed ? `)?` : `)${this.type}`;
          final = start + body + close;
        }
        return [
          final,
          unescape(body),
          this.#hasMagic = !!this.#hasMagic,
          this.#uflag
        ];
      }
      #flatten() {
        if (!isExtglobAST(this)) {
          for (const p of this.#parts) {
            if (typeof p === "object") {
              p.#flatten();
            }
          }
        } else {
          let iterations = 0;
          let done = false;
          do {
            done = true;
            for (let i = 0; i < this.#parts.length; i++) {
              const c = this.#parts[i];
              if (typeof c === "object") {
                c.#flatten();
                if (this.#canAdopt(c)) {
                  done = false;
                  this.#adopt(c, i);
                } else if (this.#canAdoptWithSpace(c)) {
                  done = false;
                  this.#adoptWithSpace(c, i);
                } else if (this.#canUsurp(c)) {
                  done = false;
                  this.#usurp(c);
                }
              }
            }
          } while (!done && ++iterations < 10);
        }
        this.#toString = void 0;
      }
      #partsToRegExp(dot) {
        return this.#parts.map((p) => {
          if (typeof p === "string") {
            throw new Error("string type in extglob ast??");
          }
          const [re2, _2, _hasMagic, uflag] = p.toRegExpSource(dot);
          this.#uflag = this.#uflag || uflag;
          return re2;
        }).filter((p) => !(this.isStart() && this.isEnd()) || !!p).join("|");
      }
      static #parseGlob(glob, hasMagic, noEmpty = false) {
        let escaping = false;
        let re2 = "";
        let uflag = false;
        let inStar = false;
        for (let i = 0; i < glob.length; i++) {
          const c = glob.charAt(i);
          if (escaping) {
            escaping = false;
            re2 += (reSpecials.has(c) ? "\\" : "") + c;
            continue;
          }
          if (c === "*") {
            if (inStar)
              continue;
            inStar = true;
            re2 += noEmpty && /^[*]+$/.test(glob) ? starNoEmpty : star;
            hasMagic = true;
            continue;
          } else {
            inStar = false;
          }
          if (c === "\\") {
            if (i === glob.length - 1) {
              re2 += "\\\\";
            } else {
              escaping = true;
            }
            continue;
          }
          if (c === "[") {
            const [src, needUflag, consumed, magic] = parseClass(glob, i);
            if (consumed) {
              re2 += src;
              uflag = uflag || needUflag;
              i += consumed - 1;
              hasMagic = hasMagic || magic;
              continue;
            }
          }
          if (c === "?") {
            re2 += qmark;
            hasMagic = true;
            continue;
          }
          re2 += regExpEscape(c);
        }
        return [re2, unescape(glob), !!hasMagic, uflag];
      }
    };
    _a = AST;
  }
});

// node_modules/minimatch/dist/esm/escape.js
var escape3;
var init_escape = __esm({
  "node_modules/minimatch/dist/esm/escape.js"() {
    escape3 = (s, { windowsPathsNoEscape = false, magicalBraces = false } = {}) => {
      if (magicalBraces) {
        return windowsPathsNoEscape ? s.replace(/[?*()[\]{}]/g, "[$&]") : s.replace(/[?*()[\]\\{}]/g, "\\$&");
      }
      return windowsPathsNoEscape ? s.replace(/[?*()[\]]/g, "[$&]") : s.replace(/[?*()[\]\\]/g, "\\$&");
    };
  }
});

// node_modules/minimatch/dist/esm/index.js
var esm_exports = {};
__export(esm_exports, {
  AST: () => AST,
  GLOBSTAR: () => GLOBSTAR,
  Minimatch: () => Minimatch,
  braceExpand: () => braceExpand,
  defaults: () => defaults,
  escape: () => escape3,
  filter: () => filter,
  makeRe: () => makeRe,
  match: () => match,
  minimatch: () => minimatch,
  sep: () => sep,
  unescape: () => unescape
});
var minimatch, starDotExtRE, starDotExtTest, starDotExtTestDot, starDotExtTestNocase, starDotExtTestNocaseDot, starDotStarRE, starDotStarTest, starDotStarTestDot, dotStarRE, dotStarTest, starRE, starTest, starTestDot, qmarksRE, qmarksTestNocase, qmarksTestNocaseDot, qmarksTestDot, qmarksTest, qmarksTestNoExt, qmarksTestNoExtDot, defaultPlatform, path5, sep, GLOBSTAR, qmark2, star2, twoStarDot, twoStarNoDot, filter, ext, defaults, braceExpand, makeRe, match, globMagic, regExpEscape2, Minimatch;
var init_esm3 = __esm({
  "node_modules/minimatch/dist/esm/index.js"() {
    init_esm2();
    init_assert_valid_pattern();
    init_ast();
    init_escape();
    init_unescape();
    init_ast();
    init_escape();
    init_unescape();
    minimatch = (p, pattern, options = {}) => {
      assertValidPattern(pattern);
      if (!options.nocomment && pattern.charAt(0) === "#") {
        return false;
      }
      return new Minimatch(pattern, options).match(p);
    };
    starDotExtRE = /^\*+([^+@!?*[(]*)$/;
    starDotExtTest = (ext2) => (f) => !f.startsWith(".") && f.endsWith(ext2);
    starDotExtTestDot = (ext2) => (f) => f.endsWith(ext2);
    starDotExtTestNocase = (ext2) => {
      ext2 = ext2.toLowerCase();
      return (f) => !f.startsWith(".") && f.toLowerCase().endsWith(ext2);
    };
    starDotExtTestNocaseDot = (ext2) => {
      ext2 = ext2.toLowerCase();
      return (f) => f.toLowerCase().endsWith(ext2);
    };
    starDotStarRE = /^\*+\.\*+$/;
    starDotStarTest = (f) => !f.startsWith(".") && f.includes(".");
    starDotStarTestDot = (f) => f !== "." && f !== ".." && f.includes(".");
    dotStarRE = /^\.\*+$/;
    dotStarTest = (f) => f !== "." && f !== ".." && f.startsWith(".");
    starRE = /^\*+$/;
    starTest = (f) => f.length !== 0 && !f.startsWith(".");
    starTestDot = (f) => f.length !== 0 && f !== "." && f !== "..";
    qmarksRE = /^\?+([^+@!?*[(]*)?$/;
    qmarksTestNocase = ([$0, ext2 = ""]) => {
      const noext = qmarksTestNoExt([$0]);
      if (!ext2)
        return noext;
      ext2 = ext2.toLowerCase();
      return (f) => noext(f) && f.toLowerCase().endsWith(ext2);
    };
    qmarksTestNocaseDot = ([$0, ext2 = ""]) => {
      const noext = qmarksTestNoExtDot([$0]);
      if (!ext2)
        return noext;
      ext2 = ext2.toLowerCase();
      return (f) => noext(f) && f.toLowerCase().endsWith(ext2);
    };
    qmarksTestDot = ([$0, ext2 = ""]) => {
      const noext = qmarksTestNoExtDot([$0]);
      return !ext2 ? noext : (f) => noext(f) && f.endsWith(ext2);
    };
    qmarksTest = ([$0, ext2 = ""]) => {
      const noext = qmarksTestNoExt([$0]);
      return !ext2 ? noext : (f) => noext(f) && f.endsWith(ext2);
    };
    qmarksTestNoExt = ([$0]) => {
      const len = $0.length;
      return (f) => f.length === len && !f.startsWith(".");
    };
    qmarksTestNoExtDot = ([$0]) => {
      const len = $0.length;
      return (f) => f.length === len && f !== "." && f !== "..";
    };
    defaultPlatform = typeof process === "object" && process ? typeof process.env === "object" && process.env && process.env.__MINIMATCH_TESTING_PLATFORM__ || process.platform : "posix";
    path5 = {
      win32: { sep: "\\" },
      posix: { sep: "/" }
    };
    sep = defaultPlatform === "win32" ? path5.win32.sep : path5.posix.sep;
    minimatch.sep = sep;
    GLOBSTAR = /* @__PURE__ */ Symbol("globstar **");
    minimatch.GLOBSTAR = GLOBSTAR;
    qmark2 = "[^/]";
    star2 = qmark2 + "*?";
    twoStarDot = "(?:(?!(?:\\/|^)(?:\\.{1,2})($|\\/)).)*?";
    twoStarNoDot = "(?:(?!(?:\\/|^)\\.).)*?";
    filter = (pattern, options = {}) => (p) => minimatch(p, pattern, options);
    minimatch.filter = filter;
    ext = (a, b = {}) => Object.assign({}, a, b);
    defaults = (def) => {
      if (!def || typeof def !== "object" || !Object.keys(def).length) {
        return minimatch;
      }
      const orig = minimatch;
      const m = (p, pattern, options = {}) => orig(p, pattern, ext(def, options));
      return Object.assign(m, {
        Minimatch: class Minimatch extends orig.Minimatch {
          constructor(pattern, options = {}) {
            super(pattern, ext(def, options));
          }
          static defaults(options) {
            return orig.defaults(ext(def, options)).Minimatch;
          }
        },
        AST: class AST extends orig.AST {
          /* c8 ignore start */
          constructor(type2, parent, options = {}) {
            super(type2, parent, ext(def, options));
          }
          /* c8 ignore stop */
          static fromGlob(pattern, options = {}) {
            return orig.AST.fromGlob(pattern, ext(def, options));
          }
        },
        unescape: (s, options = {}) => orig.unescape(s, ext(def, options)),
        escape: (s, options = {}) => orig.escape(s, ext(def, options)),
        filter: (pattern, options = {}) => orig.filter(pattern, ext(def, options)),
        defaults: (options) => orig.defaults(ext(def, options)),
        makeRe: (pattern, options = {}) => orig.makeRe(pattern, ext(def, options)),
        braceExpand: (pattern, options = {}) => orig.braceExpand(pattern, ext(def, options)),
        match: (list2, pattern, options = {}) => orig.match(list2, pattern, ext(def, options)),
        sep: orig.sep,
        GLOBSTAR
      });
    };
    minimatch.defaults = defaults;
    braceExpand = (pattern, options = {}) => {
      assertValidPattern(pattern);
      if (options.nobrace || !/\{(?:(?!\{).)*\}/.test(pattern)) {
        return [pattern];
      }
      return expand(pattern, { max: options.braceExpandMax });
    };
    minimatch.braceExpand = braceExpand;
    makeRe = (pattern, options = {}) => new Minimatch(pattern, options).makeRe();
    minimatch.makeRe = makeRe;
    match = (list2, pattern, options = {}) => {
      const mm = new Minimatch(pattern, options);
      list2 = list2.filter((f) => mm.match(f));
      if (mm.options.nonull && !list2.length) {
        list2.push(pattern);
      }
      return list2;
    };
    minimatch.match = match;
    globMagic = /[?*]|[+@!]\(.*?\)|\[|\]/;
    regExpEscape2 = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, "\\$&");
    Minimatch = class {
      options;
      set;
      pattern;
      windowsPathsNoEscape;
      nonegate;
      negate;
      comment;
      empty;
      preserveMultipleSlashes;
      partial;
      globSet;
      globParts;
      nocase;
      isWindows;
      platform;
      windowsNoMagicRoot;
      maxGlobstarRecursion;
      regexp;
      constructor(pattern, options = {}) {
        assertValidPattern(pattern);
        options = options || {};
        this.options = options;
        this.maxGlobstarRecursion = options.maxGlobstarRecursion ?? 200;
        this.pattern = pattern;
        this.platform = options.platform || defaultPlatform;
        this.isWindows = this.platform === "win32";
        const awe = "allowWindowsEscape";
        this.windowsPathsNoEscape = !!options.windowsPathsNoEscape || options[awe] === false;
        if (this.windowsPathsNoEscape) {
          this.pattern = this.pattern.replace(/\\/g, "/");
        }
        this.preserveMultipleSlashes = !!options.preserveMultipleSlashes;
        this.regexp = null;
        this.negate = false;
        this.nonegate = !!options.nonegate;
        this.comment = false;
        this.empty = false;
        this.partial = !!options.partial;
        this.nocase = !!this.options.nocase;
        this.windowsNoMagicRoot = options.windowsNoMagicRoot !== void 0 ? options.windowsNoMagicRoot : !!(this.isWindows && this.nocase);
        this.globSet = [];
        this.globParts = [];
        this.set = [];
        this.make();
      }
      hasMagic() {
        if (this.options.magicalBraces && this.set.length > 1) {
          return true;
        }
        for (const pattern of this.set) {
          for (const part of pattern) {
            if (typeof part !== "string")
              return true;
          }
        }
        return false;
      }
      debug(..._2) {
      }
      make() {
        const pattern = this.pattern;
        const options = this.options;
        if (!options.nocomment && pattern.charAt(0) === "#") {
          this.comment = true;
          return;
        }
        if (!pattern) {
          this.empty = true;
          return;
        }
        this.parseNegate();
        this.globSet = [...new Set(this.braceExpand())];
        if (options.debug) {
          this.debug = (...args) => console.error(...args);
        }
        this.debug(this.pattern, this.globSet);
        const rawGlobParts = this.globSet.map((s) => this.slashSplit(s));
        this.globParts = this.preprocess(rawGlobParts);
        this.debug(this.pattern, this.globParts);
        let set2 = this.globParts.map((s, _2, __) => {
          if (this.isWindows && this.windowsNoMagicRoot) {
            const isUNC = s[0] === "" && s[1] === "" && (s[2] === "?" || !globMagic.test(s[2])) && !globMagic.test(s[3]);
            const isDrive = /^[a-z]:/i.test(s[0]);
            if (isUNC) {
              return [
                ...s.slice(0, 4),
                ...s.slice(4).map((ss2) => this.parse(ss2))
              ];
            } else if (isDrive) {
              return [s[0], ...s.slice(1).map((ss2) => this.parse(ss2))];
            }
          }
          return s.map((ss2) => this.parse(ss2));
        });
        this.debug(this.pattern, set2);
        this.set = set2.filter((s) => s.indexOf(false) === -1);
        if (this.isWindows) {
          for (let i = 0; i < this.set.length; i++) {
            const p = this.set[i];
            if (p[0] === "" && p[1] === "" && this.globParts[i][2] === "?" && typeof p[3] === "string" && /^[a-z]:$/i.test(p[3])) {
              p[2] = "?";
            }
          }
        }
        this.debug(this.pattern, this.set);
      }
      // various transforms to equivalent pattern sets that are
      // faster to process in a filesystem walk.  The goal is to
      // eliminate what we can, and push all ** patterns as far
      // to the right as possible, even if it increases the number
      // of patterns that we have to process.
      preprocess(globParts) {
        if (this.options.noglobstar) {
          for (const partset of globParts) {
            for (let j2 = 0; j2 < partset.length; j2++) {
              if (partset[j2] === "**") {
                partset[j2] = "*";
              }
            }
          }
        }
        const { optimizationLevel = 1 } = this.options;
        if (optimizationLevel >= 2) {
          globParts = this.firstPhasePreProcess(globParts);
          globParts = this.secondPhasePreProcess(globParts);
        } else if (optimizationLevel >= 1) {
          globParts = this.levelOneOptimize(globParts);
        } else {
          globParts = this.adjascentGlobstarOptimize(globParts);
        }
        return globParts;
      }
      // just get rid of adjascent ** portions
      adjascentGlobstarOptimize(globParts) {
        return globParts.map((parts) => {
          let gs2 = -1;
          while (-1 !== (gs2 = parts.indexOf("**", gs2 + 1))) {
            let i = gs2;
            while (parts[i + 1] === "**") {
              i++;
            }
            if (i !== gs2) {
              parts.splice(gs2, i - gs2);
            }
          }
          return parts;
        });
      }
      // get rid of adjascent ** and resolve .. portions
      levelOneOptimize(globParts) {
        return globParts.map((parts) => {
          parts = parts.reduce((set2, part) => {
            const prev = set2[set2.length - 1];
            if (part === "**" && prev === "**") {
              return set2;
            }
            if (part === "..") {
              if (prev && prev !== ".." && prev !== "." && prev !== "**") {
                set2.pop();
                return set2;
              }
            }
            set2.push(part);
            return set2;
          }, []);
          return parts.length === 0 ? [""] : parts;
        });
      }
      levelTwoFileOptimize(parts) {
        if (!Array.isArray(parts)) {
          parts = this.slashSplit(parts);
        }
        let didSomething = false;
        do {
          didSomething = false;
          if (!this.preserveMultipleSlashes) {
            for (let i = 1; i < parts.length - 1; i++) {
              const p = parts[i];
              if (i === 1 && p === "" && parts[0] === "")
                continue;
              if (p === "." || p === "") {
                didSomething = true;
                parts.splice(i, 1);
                i--;
              }
            }
            if (parts[0] === "." && parts.length === 2 && (parts[1] === "." || parts[1] === "")) {
              didSomething = true;
              parts.pop();
            }
          }
          let dd = 0;
          while (-1 !== (dd = parts.indexOf("..", dd + 1))) {
            const p = parts[dd - 1];
            if (p && p !== "." && p !== ".." && p !== "**" && !(this.isWindows && /^[a-z]:$/i.test(p))) {
              didSomething = true;
              parts.splice(dd - 1, 2);
              dd -= 2;
            }
          }
        } while (didSomething);
        return parts.length === 0 ? [""] : parts;
      }
      // First phase: single-pattern processing
      // <pre> is 1 or more portions
      // <rest> is 1 or more portions
      // <p> is any portion other than ., .., '', or **
      // <e> is . or ''
      //
      // **/.. is *brutal* for filesystem walking performance, because
      // it effectively resets the recursive walk each time it occurs,
      // and ** cannot be reduced out by a .. pattern part like a regexp
      // or most strings (other than .., ., and '') can be.
      //
      // <pre>/**/../<p>/<p>/<rest> -> {<pre>/../<p>/<p>/<rest>,<pre>/**/<p>/<p>/<rest>}
      // <pre>/<e>/<rest> -> <pre>/<rest>
      // <pre>/<p>/../<rest> -> <pre>/<rest>
      // **/**/<rest> -> **/<rest>
      //
      // **/*/<rest> -> */**/<rest> <== not valid because ** doesn't follow
      // this WOULD be allowed if ** did follow symlinks, or * didn't
      firstPhasePreProcess(globParts) {
        let didSomething = false;
        do {
          didSomething = false;
          for (let parts of globParts) {
            let gs2 = -1;
            while (-1 !== (gs2 = parts.indexOf("**", gs2 + 1))) {
              let gss = gs2;
              while (parts[gss + 1] === "**") {
                gss++;
              }
              if (gss > gs2) {
                parts.splice(gs2 + 1, gss - gs2);
              }
              let next = parts[gs2 + 1];
              const p = parts[gs2 + 2];
              const p2 = parts[gs2 + 3];
              if (next !== "..")
                continue;
              if (!p || p === "." || p === ".." || !p2 || p2 === "." || p2 === "..") {
                continue;
              }
              didSomething = true;
              parts.splice(gs2, 1);
              const other = parts.slice(0);
              other[gs2] = "**";
              globParts.push(other);
              gs2--;
            }
            if (!this.preserveMultipleSlashes) {
              for (let i = 1; i < parts.length - 1; i++) {
                const p = parts[i];
                if (i === 1 && p === "" && parts[0] === "")
                  continue;
                if (p === "." || p === "") {
                  didSomething = true;
                  parts.splice(i, 1);
                  i--;
                }
              }
              if (parts[0] === "." && parts.length === 2 && (parts[1] === "." || parts[1] === "")) {
                didSomething = true;
                parts.pop();
              }
            }
            let dd = 0;
            while (-1 !== (dd = parts.indexOf("..", dd + 1))) {
              const p = parts[dd - 1];
              if (p && p !== "." && p !== ".." && p !== "**") {
                didSomething = true;
                const needDot = dd === 1 && parts[dd + 1] === "**";
                const splin = needDot ? ["."] : [];
                parts.splice(dd - 1, 2, ...splin);
                if (parts.length === 0)
                  parts.push("");
                dd -= 2;
              }
            }
          }
        } while (didSomething);
        return globParts;
      }
      // second phase: multi-pattern dedupes
      // {<pre>/*/<rest>,<pre>/<p>/<rest>} -> <pre>/*/<rest>
      // {<pre>/<rest>,<pre>/<rest>} -> <pre>/<rest>
      // {<pre>/**/<rest>,<pre>/<rest>} -> <pre>/**/<rest>
      //
      // {<pre>/**/<rest>,<pre>/**/<p>/<rest>} -> <pre>/**/<rest>
      // ^-- not valid because ** doens't follow symlinks
      secondPhasePreProcess(globParts) {
        for (let i = 0; i < globParts.length - 1; i++) {
          for (let j2 = i + 1; j2 < globParts.length; j2++) {
            const matched = this.partsMatch(globParts[i], globParts[j2], !this.preserveMultipleSlashes);
            if (matched) {
              globParts[i] = [];
              globParts[j2] = matched;
              break;
            }
          }
        }
        return globParts.filter((gs2) => gs2.length);
      }
      partsMatch(a, b, emptyGSMatch = false) {
        let ai2 = 0;
        let bi2 = 0;
        let result = [];
        let which = "";
        while (ai2 < a.length && bi2 < b.length) {
          if (a[ai2] === b[bi2]) {
            result.push(which === "b" ? b[bi2] : a[ai2]);
            ai2++;
            bi2++;
          } else if (emptyGSMatch && a[ai2] === "**" && b[bi2] === a[ai2 + 1]) {
            result.push(a[ai2]);
            ai2++;
          } else if (emptyGSMatch && b[bi2] === "**" && a[ai2] === b[bi2 + 1]) {
            result.push(b[bi2]);
            bi2++;
          } else if (a[ai2] === "*" && b[bi2] && (this.options.dot || !b[bi2].startsWith(".")) && b[bi2] !== "**") {
            if (which === "b")
              return false;
            which = "a";
            result.push(a[ai2]);
            ai2++;
            bi2++;
          } else if (b[bi2] === "*" && a[ai2] && (this.options.dot || !a[ai2].startsWith(".")) && a[ai2] !== "**") {
            if (which === "a")
              return false;
            which = "b";
            result.push(b[bi2]);
            ai2++;
            bi2++;
          } else {
            return false;
          }
        }
        return a.length === b.length && result;
      }
      parseNegate() {
        if (this.nonegate)
          return;
        const pattern = this.pattern;
        let negate = false;
        let negateOffset = 0;
        for (let i = 0; i < pattern.length && pattern.charAt(i) === "!"; i++) {
          negate = !negate;
          negateOffset++;
        }
        if (negateOffset)
          this.pattern = pattern.slice(negateOffset);
        this.negate = negate;
      }
      // set partial to true to test if, for example,
      // "/a/b" matches the start of "/*/b/*/d"
      // Partial means, if you run out of file before you run
      // out of pattern, then that's fine, as long as all
      // the parts match.
      matchOne(file2, pattern, partial = false) {
        let fileStartIndex = 0;
        let patternStartIndex = 0;
        if (this.isWindows) {
          const fileDrive = typeof file2[0] === "string" && /^[a-z]:$/i.test(file2[0]);
          const fileUNC = !fileDrive && file2[0] === "" && file2[1] === "" && file2[2] === "?" && /^[a-z]:$/i.test(file2[3]);
          const patternDrive = typeof pattern[0] === "string" && /^[a-z]:$/i.test(pattern[0]);
          const patternUNC = !patternDrive && pattern[0] === "" && pattern[1] === "" && pattern[2] === "?" && typeof pattern[3] === "string" && /^[a-z]:$/i.test(pattern[3]);
          const fdi = fileUNC ? 3 : fileDrive ? 0 : void 0;
          const pdi = patternUNC ? 3 : patternDrive ? 0 : void 0;
          if (typeof fdi === "number" && typeof pdi === "number") {
            const [fd, pd] = [
              file2[fdi],
              pattern[pdi]
            ];
            if (fd.toLowerCase() === pd.toLowerCase()) {
              pattern[pdi] = fd;
              patternStartIndex = pdi;
              fileStartIndex = fdi;
            }
          }
        }
        const { optimizationLevel = 1 } = this.options;
        if (optimizationLevel >= 2) {
          file2 = this.levelTwoFileOptimize(file2);
        }
        if (pattern.includes(GLOBSTAR)) {
          return this.#matchGlobstar(file2, pattern, partial, fileStartIndex, patternStartIndex);
        }
        return this.#matchOne(file2, pattern, partial, fileStartIndex, patternStartIndex);
      }
      #matchGlobstar(file2, pattern, partial, fileIndex, patternIndex) {
        const firstgs = pattern.indexOf(GLOBSTAR, patternIndex);
        const lastgs = pattern.lastIndexOf(GLOBSTAR);
        const [head, body, tail] = partial ? [
          pattern.slice(patternIndex, firstgs),
          pattern.slice(firstgs + 1),
          []
        ] : [
          pattern.slice(patternIndex, firstgs),
          pattern.slice(firstgs + 1, lastgs),
          pattern.slice(lastgs + 1)
        ];
        if (head.length) {
          const fileHead = file2.slice(fileIndex, fileIndex + head.length);
          if (!this.#matchOne(fileHead, head, partial, 0, 0)) {
            return false;
          }
          fileIndex += head.length;
          patternIndex += head.length;
        }
        let fileTailMatch = 0;
        if (tail.length) {
          if (tail.length + fileIndex > file2.length)
            return false;
          let tailStart = file2.length - tail.length;
          if (this.#matchOne(file2, tail, partial, tailStart, 0)) {
            fileTailMatch = tail.length;
          } else {
            if (file2[file2.length - 1] !== "" || fileIndex + tail.length === file2.length) {
              return false;
            }
            tailStart--;
            if (!this.#matchOne(file2, tail, partial, tailStart, 0)) {
              return false;
            }
            fileTailMatch = tail.length + 1;
          }
        }
        if (!body.length) {
          let sawSome = !!fileTailMatch;
          for (let i2 = fileIndex; i2 < file2.length - fileTailMatch; i2++) {
            const f = String(file2[i2]);
            sawSome = true;
            if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
              return false;
            }
          }
          return partial || sawSome;
        }
        const bodySegments = [[[], 0]];
        let currentBody = bodySegments[0];
        let nonGsParts = 0;
        const nonGsPartsSums = [0];
        for (const b of body) {
          if (b === GLOBSTAR) {
            nonGsPartsSums.push(nonGsParts);
            currentBody = [[], 0];
            bodySegments.push(currentBody);
          } else {
            currentBody[0].push(b);
            nonGsParts++;
          }
        }
        let i = bodySegments.length - 1;
        const fileLength = file2.length - fileTailMatch;
        for (const b of bodySegments) {
          b[1] = fileLength - (nonGsPartsSums[i--] + b[0].length);
        }
        return !!this.#matchGlobStarBodySections(file2, bodySegments, fileIndex, 0, partial, 0, !!fileTailMatch);
      }
      // return false for "nope, not matching"
      // return null for "not matching, cannot keep trying"
      #matchGlobStarBodySections(file2, bodySegments, fileIndex, bodyIndex, partial, globStarDepth, sawTail) {
        const bs2 = bodySegments[bodyIndex];
        if (!bs2) {
          for (let i = fileIndex; i < file2.length; i++) {
            sawTail = true;
            const f = file2[i];
            if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
              return false;
            }
          }
          return sawTail;
        }
        const [body, after] = bs2;
        while (fileIndex <= after) {
          const m = this.#matchOne(file2.slice(0, fileIndex + body.length), body, partial, fileIndex, 0);
          if (m && globStarDepth < this.maxGlobstarRecursion) {
            const sub = this.#matchGlobStarBodySections(file2, bodySegments, fileIndex + body.length, bodyIndex + 1, partial, globStarDepth + 1, sawTail);
            if (sub !== false) {
              return sub;
            }
          }
          const f = file2[fileIndex];
          if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
            return false;
          }
          fileIndex++;
        }
        return partial || null;
      }
      #matchOne(file2, pattern, partial, fileIndex, patternIndex) {
        let fi2;
        let pi2;
        let pl;
        let fl;
        for (fi2 = fileIndex, pi2 = patternIndex, fl = file2.length, pl = pattern.length; fi2 < fl && pi2 < pl; fi2++, pi2++) {
          this.debug("matchOne loop");
          let p = pattern[pi2];
          let f = file2[fi2];
          this.debug(pattern, p, f);
          if (p === false || p === GLOBSTAR) {
            return false;
          }
          let hit;
          if (typeof p === "string") {
            hit = f === p;
            this.debug("string match", p, f, hit);
          } else {
            hit = p.test(f);
            this.debug("pattern match", p, f, hit);
          }
          if (!hit)
            return false;
        }
        if (fi2 === fl && pi2 === pl) {
          return true;
        } else if (fi2 === fl) {
          return partial;
        } else if (pi2 === pl) {
          return fi2 === fl - 1 && file2[fi2] === "";
        } else {
          throw new Error("wtf?");
        }
      }
      braceExpand() {
        return braceExpand(this.pattern, this.options);
      }
      parse(pattern) {
        assertValidPattern(pattern);
        const options = this.options;
        if (pattern === "**")
          return GLOBSTAR;
        if (pattern === "")
          return "";
        let m;
        let fastTest = null;
        if (m = pattern.match(starRE)) {
          fastTest = options.dot ? starTestDot : starTest;
        } else if (m = pattern.match(starDotExtRE)) {
          fastTest = (options.nocase ? options.dot ? starDotExtTestNocaseDot : starDotExtTestNocase : options.dot ? starDotExtTestDot : starDotExtTest)(m[1]);
        } else if (m = pattern.match(qmarksRE)) {
          fastTest = (options.nocase ? options.dot ? qmarksTestNocaseDot : qmarksTestNocase : options.dot ? qmarksTestDot : qmarksTest)(m);
        } else if (m = pattern.match(starDotStarRE)) {
          fastTest = options.dot ? starDotStarTestDot : starDotStarTest;
        } else if (m = pattern.match(dotStarRE)) {
          fastTest = dotStarTest;
        }
        const re2 = AST.fromGlob(pattern, this.options).toMMPattern();
        if (fastTest && typeof re2 === "object") {
          Reflect.defineProperty(re2, "test", { value: fastTest });
        }
        return re2;
      }
      makeRe() {
        if (this.regexp || this.regexp === false)
          return this.regexp;
        const set2 = this.set;
        if (!set2.length) {
          this.regexp = false;
          return this.regexp;
        }
        const options = this.options;
        const twoStar = options.noglobstar ? star2 : options.dot ? twoStarDot : twoStarNoDot;
        const flags = new Set(options.nocase ? ["i"] : []);
        let re2 = set2.map((pattern) => {
          const pp = pattern.map((p) => {
            if (p instanceof RegExp) {
              for (const f of p.flags.split(""))
                flags.add(f);
            }
            return typeof p === "string" ? regExpEscape2(p) : p === GLOBSTAR ? GLOBSTAR : p._src;
          });
          pp.forEach((p, i) => {
            const next = pp[i + 1];
            const prev = pp[i - 1];
            if (p !== GLOBSTAR || prev === GLOBSTAR) {
              return;
            }
            if (prev === void 0) {
              if (next !== void 0 && next !== GLOBSTAR) {
                pp[i + 1] = "(?:\\/|" + twoStar + "\\/)?" + next;
              } else {
                pp[i] = twoStar;
              }
            } else if (next === void 0) {
              pp[i - 1] = prev + "(?:\\/|\\/" + twoStar + ")?";
            } else if (next !== GLOBSTAR) {
              pp[i - 1] = prev + "(?:\\/|\\/" + twoStar + "\\/)" + next;
              pp[i + 1] = GLOBSTAR;
            }
          });
          const filtered = pp.filter((p) => p !== GLOBSTAR);
          if (this.partial && filtered.length >= 1) {
            const prefixes = [];
            for (let i = 1; i <= filtered.length; i++) {
              prefixes.push(filtered.slice(0, i).join("/"));
            }
            return "(?:" + prefixes.join("|") + ")";
          }
          return filtered.join("/");
        }).join("|");
        const [open, close] = set2.length > 1 ? ["(?:", ")"] : ["", ""];
        re2 = "^" + open + re2 + close + "$";
        if (this.partial) {
          re2 = "^(?:\\/|" + open + re2.slice(1, -1) + close + ")$";
        }
        if (this.negate)
          re2 = "^(?!" + re2 + ").+$";
        try {
          this.regexp = new RegExp(re2, [...flags].join(""));
        } catch {
          this.regexp = false;
        }
        return this.regexp;
      }
      slashSplit(p) {
        if (this.preserveMultipleSlashes) {
          return p.split("/");
        } else if (this.isWindows && /^\/\/[^/]+/.test(p)) {
          return ["", ...p.split(/\/+/)];
        } else {
          return p.split(/\/+/);
        }
      }
      match(f, partial = this.partial) {
        this.debug("match", f, this.pattern);
        if (this.comment) {
          return false;
        }
        if (this.empty) {
          return f === "";
        }
        if (f === "/" && partial) {
          return true;
        }
        const options = this.options;
        if (this.isWindows) {
          f = f.split("\\").join("/");
        }
        const ff = this.slashSplit(f);
        this.debug(this.pattern, "split", ff);
        const set2 = this.set;
        this.debug(this.pattern, "set", set2);
        let filename = ff[ff.length - 1];
        if (!filename) {
          for (let i = ff.length - 2; !filename && i >= 0; i--) {
            filename = ff[i];
          }
        }
        for (const pattern of set2) {
          let file2 = ff;
          if (options.matchBase && pattern.length === 1) {
            file2 = [filename];
          }
          const hit = this.matchOne(file2, pattern, partial);
          if (hit) {
            if (options.flipNegate) {
              return true;
            }
            return !this.negate;
          }
        }
        if (options.flipNegate) {
          return false;
        }
        return this.negate;
      }
      static defaults(def) {
        return minimatch.defaults(def).Minimatch;
      }
    };
    minimatch.AST = AST;
    minimatch.Minimatch = Minimatch;
    minimatch.escape = escape3;
    minimatch.unescape = unescape;
  }
});

// node_modules/glob/dist/esm/index.min.js
var index_min_exports = {};
__export(index_min_exports, {
  Glob: () => j,
  Ignore: () => lt,
  escape: () => K,
  glob: () => Ns,
  globIterate: () => Ls,
  globIterateSync: () => se,
  globStream: () => Ps,
  globStreamSync: () => ee,
  globSync: () => zs,
  hasMagic: () => je,
  iterate: () => kn,
  iterateSync: () => En,
  stream: () => vn,
  streamSync: () => xn,
  sync: () => Cn,
  unescape: () => st
});
import { fileURLToPath as yn } from "node:url";
import { tracingChannel as Fi, channel as Ti } from "node:diagnostics_channel";
import { posix as qi, win32 as Ne } from "node:path";
import { fileURLToPath as Ki } from "node:url";
import { lstatSync as Xi, readdir as Vi, readdirSync as Yi, readlinkSync as Ji, realpathSync as Zi } from "fs";
import * as Qi from "node:fs";
import { lstat as en, readdir as sn, readlink as nn, realpath as rn } from "node:fs/promises";
import { EventEmitter as Te } from "node:events";
import ys from "node:stream";
import { StringDecoder as zi } from "node:string_decoder";
function oe(r7) {
  return isNaN(r7) ? r7.charCodeAt(0) : parseInt(r7, 10);
}
function Qs(r7) {
  return r7.replace(Gs, $e).replace(Hs, Ie).replace(qs, le).replace(Ks, Be).replace(Xs, Ue);
}
function ti(r7) {
  return r7.replace(Ws, "\\").replace($s, "{").replace(Is, "}").replace(Bs, ",").replace(Us, ".");
}
function he(r7, t) {
  for (let e = 0; e < t.length; e++) r7.push(t[e]);
}
function ei(r7) {
  let t = [], e = "";
  for (; ; ) {
    let s = re("{", "}", r7);
    if (!s) {
      let a = r7.split(",");
      return a[0] = e + a[0], he(t, a), t;
    }
    let { pre: i, body: n, post: o } = s, h = i.split(",");
    if (h[0] = e + h[0], h[h.length - 1] += "{" + n + "}", !o.length) return he(t, h), t;
    e = h.pop(), he(t, h), r7 = o;
  }
}
function Ge(r7, t = {}) {
  if (!r7) return [];
  let { max: e = Vs, maxLength: s = Ys, maxDepth: i = Js, maxRewrites: n = Zs } = t;
  return r7.slice(0, 2) === "{}" && (r7 = "\\{\\}" + r7.slice(2)), ae(Qs(r7), e, s, i, 0, n, true).map(ti);
}
function si(r7) {
  return "{" + r7 + "}";
}
function ii(r7) {
  return /^-?0\d/.test(r7);
}
function ni(r7, t) {
  return r7 <= t;
}
function ri(r7, t) {
  return r7 >= t;
}
function ct(r7, t, e, s, i, n) {
  let o = [], h = 0;
  for (let a = 0; a < r7.length; a++) for (let l = 0; l < e.length; l++) {
    if (o.length >= s) return o;
    let c = r7[a] + t + e[l];
    if (!(n && !c)) {
      if (h + c.length > i) return o;
      o.push(c), h += c.length;
    }
  }
  return o;
}
function oi(r7, t, e, s) {
  let i = r7.split(/\.\./), n = [];
  if (i[0] === void 0 || i[1] === void 0) return n;
  let o = oe(i[0]), h = oe(i[1]), a = Math.max(i[0].length, i[1].length), l = i.length === 3 && i[2] !== void 0 ? Math.max(Math.abs(oe(i[2])), 1) : 1, c = ni;
  h < o && (l *= -1, c = ri);
  let u = i.some(ii), p = 0;
  for (let g = o; c(g, h) && n.length < e; g += l) {
    let d;
    if (t) d = String.fromCharCode(g), d === "\\" && (d = "");
    else if (d = String(g), u) {
      let w = a - d.length;
      if (w > 0) {
        let m = new Array(w + 1).join("0");
        g < 0 ? d = "-" + m + d.slice(1) : d = m + d;
      }
    }
    if (p + d.length > s) break;
    n.push(d), p += d.length;
  }
  return n;
}
function ae(r7, t, e, s, i, n, o) {
  if (i > s) return [r7];
  let h = [""], a = 0, l = false, c = true;
  for (; ; ) {
    let f = re("{", "}", r7);
    if (!f) return ct(h, r7, [""], t, e, l);
    let u = f.pre;
    if (/\$$/.test(u)) {
      if (h = ct(h, u + "{" + f.body + "}", [""], t, e, l && !f.post.length), c = false, !f.post.length) break;
      r7 = f.post;
      continue;
    }
    let p = /^-?\d+\.\.-?\d+(?:\.\.-?\d+)?$/.test(f.body), g = /^[a-zA-Z]\.\.[a-zA-Z](?:\.\.-?\d+)?$/.test(f.body), d = p || g, w = f.body.indexOf(",") >= 0;
    if (!d && !w) {
      if (a < n && f.post.match(/,(?!,).*\}/)) {
        a++, r7 = f.pre + "{" + f.body + le + f.post, o = true;
        continue;
      }
      return ct(h, u + "{" + f.body + "}" + f.post, [""], t, e, l);
    }
    c && (l = o && !d, c = false);
    let m;
    if (d) m = oi(f.body, g, t, e);
    else {
      let b = ei(f.body);
      if (b.length === 1 && b[0] !== void 0 && (b = ae(b[0], t, e, s, i + 1, n, false).map(si), b.length === 1)) {
        if (h = ct(h, u + b[0], [""], t, e, l && !f.post.length), !f.post.length) break;
        r7 = f.post;
        continue;
      }
      let x = l && !f.post.length && !u;
      for (let y = 0; x && y < h.length; y++) h[y] && (x = false);
      m = [];
      let S = 0;
      t: for (let y = 0; y < b.length; y++) {
        let q = ae(b[y], t, e, s, i + 1, n, false);
        for (let W = 0; W < q.length; W++) {
          let B = q[W];
          if (!(x && !B)) {
            if (m.length >= t || S + B.length > e) break t;
            m.push(B), S += B.length;
          }
        }
      }
    }
    if (h = ct(h, u, m, t, e, l && !f.post.length), !f.post.length) break;
    r7 = f.post;
  }
  return h;
}
function ee(r7, t = {}) {
  return new j(r7, t).streamSync();
}
function Ps(r7, t = {}) {
  return new j(r7, t).stream();
}
function zs(r7, t = {}) {
  return new j(r7, t).walkSync();
}
async function Ds(r7, t = {}) {
  return new j(r7, t).walk();
}
function se(r7, t = {}) {
  return new j(r7, t).iterateSync();
}
function Ls(r7, t = {}) {
  return new j(r7, t).iterate();
}
var re, We, js, $e, Ie, le, Be, Ue, Ws, $s, Is, Bs, Us, Gs, Hs, qs, Ks, Xs, Vs, Ys, Js, Zs, fe, ce, ft, He, qe, hi, ut, ue, Ke, de, ai, Z, li, Je, Dt, Ze, ge, ci, fi, Qe, ts, ui, di, pe, es, Xe, dt, ss, pi, me, mi, gi, is, wi, Ve, bi, yi, Nt, Ye, pt, mt, K, st, T, it, Si, xi, ls, ns, vi, v, Ei, U, ki, xe, Ci, Ai, Mi, rs, cs, Ri, Oi, we, os5, X, hs, ve, be, zt, ye, Pt, gt, Lt, Ee, as, Se, D, M, wt, _i, ke, us, fs3, Di, Ni, V, ds, jt, Pi, yt, ms, Li, ji, Wi, G, H, Y, Wt, St, $t, gs, It, ws, z, nt, k, xt, rt, C, F, A, Ce, Bt, R, E, Ae, Me, bs, Re, $, Oe, Ut, vt, Q, _, Et, $i, Ii, Bi, Ui, Gt, Fe, Gi, Hi, J, tn, Ct, Cs, on, hn, an, Ss, ln, cn, fn, un, P, As, Ms, I, Rs, Os, tt, Fs, N, kt, _e, xs, At, L, Ht, Kt, vs, dn, De, Es, Mt, ks, qt, Xt, Pe, Ts, O, Vt, Yt, Jt, ot, ht, Rt, rr, _s, pn, mn, gn, at, wn, lt, ze, Ot, Le, Ft, Zt, Qt, bn, te, Tt, _t, Sn, j, je, xn, vn, En, kn, Cn, Ns;
var init_index_min = __esm({
  "node_modules/glob/dist/esm/index.min.js"() {
    re = (r7, t, e) => {
      let s = r7 instanceof RegExp ? We(r7, e) : r7, i = t instanceof RegExp ? We(t, e) : t, n = s !== null && i != null && js(s, i, e);
      return n && { start: n[0], end: n[1], pre: e.slice(0, n[0]), body: e.slice(n[0] + s.length, n[1]), post: e.slice(n[1] + i.length) };
    };
    We = (r7, t) => {
      let e = t.match(r7);
      return e ? e[0] : null;
    };
    js = (r7, t, e) => {
      let s, i, n, o, h, a = e.indexOf(r7), l = e.indexOf(t, a + 1), c = a;
      if (a >= 0 && l > 0) {
        if (r7 === t) return [a, l];
        for (s = [], n = e.length; c >= 0 && !h; ) {
          if (c === a) s.push(c), a = e.indexOf(r7, c + 1);
          else if (s.length === 1) {
            let f = s.pop();
            f !== void 0 && (h = [f, l]);
          } else i = s.pop(), i !== void 0 && i < n && (n = i, o = l), l = e.indexOf(t, c + 1);
          c = a < l && a >= 0 ? a : l;
        }
        s.length && o !== void 0 && (h = [n, o]);
      }
      return h;
    };
    $e = "\0SLASH" + Math.random() + "\0";
    Ie = "\0OPEN" + Math.random() + "\0";
    le = "\0CLOSE" + Math.random() + "\0";
    Be = "\0COMMA" + Math.random() + "\0";
    Ue = "\0PERIOD" + Math.random() + "\0";
    Ws = new RegExp($e, "g");
    $s = new RegExp(Ie, "g");
    Is = new RegExp(le, "g");
    Bs = new RegExp(Be, "g");
    Us = new RegExp(Ue, "g");
    Gs = /\\\\/g;
    Hs = /\\{/g;
    qs = /\\}/g;
    Ks = /\\,/g;
    Xs = /\\\./g;
    Vs = 1e5;
    Ys = 4e6;
    Js = 1e3;
    Zs = 1e3;
    fe = (r7, t) => r7 === t ? { t: "lit", ch: String(r7) } : { t: "class", re: new RegExp(`^[${r7}-${t}]$`) };
    ce = (r7, t) => t.map((e) => [fe(r7, r7), ...e]);
    ft = (r7, t) => {
      if (!r7) return [[]];
      let e = +r7[0], s = +t[0], i = r7.slice(1), n = t.slice(1);
      if (e === s) return ce(e, ft(i, n));
      let o = "0".repeat(i.length), h = "9".repeat(i.length), a = [];
      i !== o && a.push(...ce(e++, ft(i, h)));
      let l = n === h ? [] : ce(s--, ft(o, n));
      return e <= s && a.push([fe(e, s), ...Array.from(i, () => fe(0, 9))]), a.push(...l), a;
    };
    He = (r7, t, e) => {
      if (e) return ft(String(r7).padStart(e, "0"), String(t).padStart(e, "0"));
      let s = [];
      for (let i = String(r7).length; i <= String(t).length; i++) {
        let n = Math.max(r7, i === 1 ? 0 : 10 ** (i - 1)), o = Math.min(t, 10 ** i - 1);
        s.push(...ft(String(n), String(o)));
      }
      return s;
    };
    qe = (r7, t) => {
      let e = Number(r7), s = Number(t);
      if (!Number.isSafeInteger(e) || !Number.isSafeInteger(s)) return;
      e > s && ([e, s] = [s, e]);
      let n = /^-?0\d/.test(r7) || /^-?0\d/.test(t) ? Math.max(r7.length, t.length) : 0, o = [];
      if (e < 0) {
        let h = He(Math.max(-s, 1), -e, n && n - 1);
        o.push(...h.map((a) => [{ t: "lit", ch: "-" }, ...a]));
      }
      return s >= 0 && o.push(...He(Math.max(e, 0), s, n)), o;
    };
    hi = { "[:alnum:]": ["\\p{L}\\p{Nl}\\p{Nd}"], "[:alpha:]": ["\\p{L}\\p{Nl}"], "[:ascii:]": ["\\x00-\\x7f"], "[:blank:]": ["\\p{Zs}\\t"], "[:cntrl:]": ["\\p{Cc}"], "[:digit:]": ["\\p{Nd}"], "[:graph:]": ["\\p{Z}\\p{C}", true], "[:lower:]": ["\\p{Ll}"], "[:print:]": ["\\p{C}", true], "[:punct:]": ["\\p{P}\\p{S}"], "[:space:]": ["\\p{Z}\\t\\r\\n\\v\\f"], "[:upper:]": ["\\p{Lu}"], "[:word:]": ["\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}"], "[:xdigit:]": ["A-Fa-f0-9"] };
    ut = (r7) => r7.replace(/[[\]\\-]/g, "\\$&");
    ue = /$./;
    Ke = (r7, t, e = false, s) => {
      let i = (m) => {
        let b = s ? m.normalize(s) : m;
        return [...b].length === 1 ? b : m;
      }, n = t;
      if (r7.charAt(n) !== "[") throw new Error("not in a brace expression");
      let o = [], h = [], a = n + 1, l = false, c = false, f = false, u = n, p = "";
      t: for (; a < r7.length; ) {
        let m = String.fromCodePoint(r7.codePointAt(a));
        if ((m === "!" || m === "^") && a === n + 1) {
          f = true, a++;
          continue;
        }
        if (m === "]" && l && !c) {
          u = a + 1;
          break;
        }
        if (l = true, m === "\\" && !c) {
          c = true, a++;
          continue;
        }
        if (m === "[" && !c) {
          for (let [x, [S, y]] of Object.entries(hi)) if (r7.startsWith(x, a)) {
            if (p) return [ue, r7.length - n];
            a += x.length, y ? h.push(S) : o.push(S);
            continue t;
          }
        }
        c = false;
        let b = i(m);
        if (p) {
          b.codePointAt(0) > p.codePointAt(0) ? o.push(ut(p) + "-" + ut(b)) : b === p && o.push(ut(b)), p = "", a += m.length;
          continue;
        }
        if (r7.startsWith("-]", a + m.length)) {
          o.push(ut(b + "-")), a += m.length + 1;
          continue;
        }
        if (r7.startsWith("-", a + m.length)) {
          p = b, a += m.length + 1;
          continue;
        }
        o.push(ut(b)), a += m.length;
      }
      if (u < a) return [ue, 0];
      if (!o.length && !h.length) return [ue, r7.length - n];
      let g = "[" + (f ? "^" : "") + o.join("") + "]", d = "[" + (f ? "" : "^") + h.join("") + "]", w = "^" + (o.length && h.length ? "(" + g + "|" + d + ")" : o.length ? g : d);
      return [new RegExp(w, e ? "iu" : "u"), u - n];
    };
    de = { t: "match", id: 0 };
    ai = "!?+*@";
    Z = (r7) => ({ t: "lit", ch: r7 });
    li = (r7) => r7.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
    Je = (r7) => new RegExp(`^${li(r7)}$`, "iu");
    Dt = /* @__PURE__ */ new Map();
    Ze = (r7) => {
      let t = Dt.get(r7);
      return t || (t = Je(r7), Dt.size >= 1e3 && Dt.clear(), Dt.set(r7, t)), t;
    };
    ge = (r7, t) => {
      if (t === r7.ch) return true;
      if (!r7.re) return false;
      let e = t.charCodeAt(0);
      if (e >= 128) return r7.re.test(t);
      let s = r7.ascii ??= new Uint8Array(128);
      return s[e] ||= r7.re.test(t) ? 1 : 2, s[e] === 1;
    };
    ci = (r7, t, e, s, i) => {
      let n = [];
      for (let o = 0; o < r7.length; ) {
        let h = String.fromCodePoint(r7.codePointAt(o));
        if (i) {
          let a = h === "\\" && r7.startsWith(i, o + 1) ? 1 : 0;
          if (a || h === i) {
            let l = o + a + i.length, c = r7.indexOf(i, l), f = /^(-?\d+)\.\.(-?\d+)$/.exec(r7.slice(l, c)), u = c !== -1 && f && qe(f[1], f[2]);
            if (u) {
              n.push({ t: "ext", type: "@", alts: u }), o = c + i.length;
              continue;
            }
          }
        }
        if (h === "\\") {
          let a = r7.codePointAt(o + 1), l = a === void 0 ? h : String.fromCodePoint(a);
          n.push(Z(l)), o += 1 + l.length;
          continue;
        }
        if (h === "[") {
          let [a, l] = Ke(r7, o, t, s);
          if (l) {
            n.push({ t: "class", re: a }), o += l;
            continue;
          }
        }
        if (!e && ai.includes(h) && r7[o + 1] === "(") {
          n.push({ t: "open", type: h }), o += 2;
          continue;
        }
        n.push(!e && h === "|" ? { t: "bar" } : !e && h === ")" ? { t: "close" } : h === "*" ? { t: "star" } : h === "?" ? { t: "any" } : Z(h)), o += h.length;
      }
      return n;
    };
    fi = (r7) => {
      let t = /* @__PURE__ */ new Map(), e = [];
      return r7.forEach((s, i) => {
        s.t === "open" ? e.push(i) : s.t === "close" && e.length && t.set(e.pop(), i);
      }), t;
    };
    Qe = (r7, t, e, s, i) => {
      let n = [], o = [n];
      for (let h = e; h < s; h++) {
        let a = r7[h], l = t.get(h);
        if (a.t === "open" && l !== void 0) {
          let c = Qe(r7, t, h + 1, l, false);
          n.push({ t: "ext", type: a.type, alts: c }), h = l;
        } else a.t === "bar" && !i ? o.push(n = []) : a.t === "open" ? n.push(Z(a.type), Z("(")) : a.t === "bar" ? n.push(Z("|")) : a.t === "close" ? n.push(Z(")")) : n.push(a);
      }
      return o;
    };
    ts = (r7, t) => {
      let e = [], s = "", i = () => {
        for (let n of s.normalize(t)) e.push(Z(n));
        s = "";
      };
      for (let n of r7) {
        if (n.t === "lit") {
          s += n.ch;
          continue;
        }
        i(), e.push(n.t === "ext" ? { ...n, alts: n.alts.map((o) => ts(o, t)) } : n);
      }
      return i(), e;
    };
    ui = (r7, t) => {
      let e = 1, s = (h) => ({ t: "split", id: e++, out: h }), i = (h, a) => h.reduceRight((l, c) => n(c, l), a), n = (h, a) => {
        switch (h.t) {
          case "lit":
            let u = t ? Ze(h.ch) : void 0;
            return { t: "lit", id: e++, ch: h.ch, re: u, next: a };
          case "any":
          case "star":
            return { t: h.t, id: e++, next: a };
          case "class":
            return { t: "class", id: e++, re: h.re, next: a };
        }
        let l = (u) => h.alts.map((p) => i(p, u));
        switch (h.type) {
          case "@":
            return s(l(a));
          case "?":
            return s([a, ...l(a)]);
          case "!":
            return { t: "neg", id: e++, sub: s(l(de)), next: a };
        }
        let c = s([]), f = s(l(c));
        return c.out.push(a, f), h.type === "*" ? c : f;
      };
      return [i(r7, de), e];
    };
    di = (r7) => {
      let t = [], e = /* @__PURE__ */ new Set(), s = (n) => n.t === "match" ? "match" : String(n.id), i = (n, o) => {
        if (n.t === "match" || e.has(n)) return;
        e.add(n);
        let h = (a) => t.push(`${o}${n.id}: ${a}`);
        switch (n.t) {
          case "split":
            h(`split -> ${n.out.map(s).join(", ")}`);
            for (let a of n.out) i(a, o);
            return;
          case "neg":
            return h(`!(${s(n.sub)}) -> ${s(n.next)}`), i(n.sub, o + "  "), i(n.next, o);
          case "lit":
            h(`${JSON.stringify(n.ch)} -> ${s(n.next)}`);
            break;
          case "class":
            h(`${n.re} -> ${s(n.next)}`);
            break;
          default:
            h(`${n.t === "any" ? "?" : "*"} -> ${s(n.next)}`);
        }
        i(n.next, o);
      };
      return i(r7, ""), [`start -> ${s(r7)}`, ...t].join(`
`);
    };
    pe = class {
      gen;
      threads = [];
      match = false;
      runs = [];
      ids = [];
      constructor(t) {
        this.gen = t;
      }
      get dead() {
        return !this.threads.length && !this.match && !this.runs.length;
      }
    };
    es = (r7, t) => r7.ids.length !== t.ids.length || r7.runs.length !== t.runs.length || r7.ids.some((e, s) => e !== t.ids[s]) ? false : r7.runs.every((e) => t.runs.some((s) => s.neg === e.neg && es(s.state, e.state)));
    Xe = (r7) => ({ has: new Float64Array(r7), seen: new Float64Array(r7), gen: 0 });
    dt = class {
      dots;
      dotStart;
      #t;
      constructor(t, e, s) {
        this.dots = t, this.dotStart = e, this.#t = s;
      }
      state() {
        return new pe(++this.#t.gen);
      }
      done(t) {
        return t.ids = t.threads.map((e) => e.id).sort((e, s) => e - s), t.match && t.ids.unshift(de.id), t;
      }
      #n(t, e) {
        let { seen: s } = this.#t;
        return s[e.id] === t.gen ? false : (s[e.id] = t.gen, true);
      }
      #i(t, e) {
        let { has: s } = this.#t;
        return s[e.id] === t.gen ? false : (s[e.id] = t.gen, t.threads.push(e), true);
      }
      restricted(t, e) {
        return e && (this.dots || this.dotStart && t === 0);
      }
      add(t, e, s, i) {
        switch (e.t) {
          case "split":
            if (!this.#n(t, e)) return;
            for (let o of e.out) this.add(t, o, s, i);
            return;
          case "neg":
            if (!this.#n(t, e)) return;
            let n = this.state();
            return this.add(n, e.sub, s, false), this.done(n), this.addRun(t, { t: "run", neg: e, state: n }, s, i);
          case "star":
            if (this.restricted(s, i)) return;
            this.#i(t, e) && this.add(t, e.next, s, i);
            return;
          case "match":
            t.match = true;
            return;
          default:
            this.#i(t, e);
        }
      }
      addRun(t, e, s, i) {
        for (let n of t.runs) if (n.neg === e.neg && es(n.state, e.state)) return;
        t.runs.push(e), e.state.match || this.add(t, e.neg.next, s, i);
      }
      step(t, e, s, i) {
        let n = this.state();
        for (let o of t.threads) switch (o.t) {
          case "lit":
            ge(o, e) && this.add(n, o.next, s + 1, i);
            break;
          case "any":
            this.restricted(s, i) || this.add(n, o.next, s + 1, i);
            break;
          case "class":
            !this.restricted(s, i) && o.re.test(e) && this.add(n, o.next, s + 1, i);
            break;
          case "star":
            this.restricted(s, i) || this.add(n, o, s + 1, i);
        }
        if (!this.restricted(s, i)) for (let o of t.runs) {
          if (o.state.dead) {
            this.addRun(n, o, s + 1, i);
            continue;
          }
          let h = this.step(o.state, e, s, false);
          this.addRun(n, { t: "run", neg: o.neg, state: h }, s + 1, i);
        }
        return this.done(n);
      }
    };
    ss = (r7) => {
      let t = r7.ids.join();
      if (!r7.runs.length) return t;
      let e = r7.runs.map((s) => `${s.neg.id}(${ss(s.state)})`);
      return `${t}|${e.sort().join("|")}`;
    };
    pi = 1 << 18;
    me = class {
      #t;
      #n = /* @__PURE__ */ new Map();
      #i = 0;
      #o;
      #r;
      #d;
      #u;
      constructor(t, e) {
        this.#t = t, this.#d = new dt(false, false, e), this.#u = new dt(false, true, e);
      }
      #f(t) {
        return { state: t, match: t.match, dead: t.dead, next: /* @__PURE__ */ new Map() };
      }
      #h(t) {
        let e = ss(t), s = this.#n.get(e);
        if (s) return s;
        this.#i > pi && this.#m();
        let i = this.#f(t);
        return this.#n.set(e, i), this.#i += e.length + 1, i;
      }
      #m() {
        this.#n.clear(), this.#i = 0, this.#o = void 0, this.#r = void 0;
      }
      start(t) {
        if (t) {
          if (this.#r) return this.#r;
          let s = this.#u.state();
          return this.#u.add(s, this.#t, 0, true), this.#r = this.#f(this.#u.done(s));
        }
        if (this.#o) return this.#o;
        let e = this.#d.state();
        return this.#d.add(e, this.#t, 0, true), this.#o = this.#h(this.#d.done(e));
      }
      next(t, e) {
        let s = e.charCodeAt(0), i = s < 128 ? void 0 : t.next.get(e);
        if (i) return i;
        let n = t === this.#r ? this.#h(this.#u.step(t.state, e, 0, true)) : this.#h(this.#d.step(t.state, e, 1, true));
        return s < 128 ? (t.ascii || (t.ascii = new Array(128), this.#i += 128), t.ascii[s] = n) : t.next.set(e, n), this.#i++, n;
      }
    };
    mi = (r7) => {
      let t = [];
      for (let e = r7; e.t !== "match"; e = e.next) {
        if (e.t === "split" || e.t === "neg") return;
        t.push(e);
      }
      return t;
    };
    gi = (r7, t, e, s) => {
      let i = 0, n = e, o = -1, h = 0;
      for (; n < s; ) {
        let a = r7[i];
        if (a?.t === "star") {
          o = i++, h = n;
          continue;
        }
        let l = t[n];
        if (a && (a.t === "any" || a.t === "lit" && ge(a, l) || a.t === "class" && a.re.test(l))) {
          i++, n++;
          continue;
        }
        if (o === -1) return false;
        i = o + 1, n = ++h;
      }
      for (; r7[i]?.t === "star"; ) i++;
      return i === r7.length;
    };
    is = (r7) => {
      let t = 0, e = 0;
      for (let s of r7) {
        let [i, n] = wi(s);
        t += i, e += n;
      }
      return [t, e];
    };
    wi = (r7) => {
      if (r7.t === "star") return [0, 1 / 0];
      if (r7.t !== "ext") return [1, 1];
      if (r7.type === "!") return [0, 1 / 0];
      let t = r7.alts.map(is), e = Math.min(...t.map((n) => n[0])), s = Math.max(...t.map((n) => n[1])), i = s === 0 ? 0 : 1 / 0;
      return r7.type === "@" ? [e, s] : r7.type === "?" ? [0, s] : r7.type === "*" ? [0, i] : [e, i];
    };
    Ve = (r7, t, e) => {
      for (let s = 0; s < r7.length; s++) if (!ge(r7[s], t[e + s])) return false;
      return true;
    };
    bi = /[/\ud800-\udfff]/;
    yi = /[\ud800-\udfff]/;
    Nt = (r7) => yi.test(r7) ? [...r7] : r7;
    Ye = (r7) => {
      if (r7.includes("/")) throw new Error("can only match a single path portion, got: " + r7);
    };
    pt = class {
      pattern;
      options;
      #t;
      #n;
      #i;
      #o;
      #r;
      #d = false;
      #u;
      #f;
      #h = false;
      #m = 0;
      #l = 1 / 0;
      #a = [];
      #s = [];
      #b;
      #E;
      #y = false;
      #g;
      #w;
      constructor(t, e = {}) {
        if (t.includes("/")) throw new Error("can only match a single path portion, got pattern: " + t);
        this.pattern = t, this.options = e;
        let { nocase: s = false, noext: i = false, normalize: n } = e;
        this.#w = n === true ? "NFC" : n || void 0;
        let o = /^[?*+@]\(\)$/.test(t), h = ci(t, s, i || o, this.#w, e.rangeMark), [a] = Qe(h, fi(h), 0, h.length, true);
        this.#w && (a = ts(a, this.#w));
        let [l, c] = ui(a, s);
        if (this.#t = l, this.#n = c, a.every((f) => f.t === "lit")) this.#r = a.map((f) => f.ch).join(""), this.#d = s;
        else {
          let f = (g) => g.t !== "lit" ? void 0 : s ? { ch: g.ch, re: Ze(g.ch) } : { ch: g.ch };
          for (let g of a) {
            let d = f(g);
            if (!d) break;
            this.#a.push(d);
          }
          for (let g = a.length - 1; g >= 0; g--) {
            let d = f(a[g]);
            if (!d) break;
            this.#s.unshift(d);
          }
          this.#y = !!(this.#a.length || this.#s.length), s || (this.#b = this.#a.map((g) => g.ch).join(""), this.#E = this.#s.map((g) => g.ch).join("")), this.#f = mi(this.#t)?.slice(this.#a.length, -this.#s.length || void 0), this.#h = !!this.#f?.every((g) => g.t === "star" || g.t === "any");
          let [u, p] = is(a);
          this.#m = u, this.#l = p;
        }
      }
      test(t) {
        return this.#w ? (Ye(t), this.#p(t.normalize(this.#w))) : bi.test(t) ? (Ye(t), this.#p(t, [...t])) : this.#p(t, t);
      }
      testUnchecked(t) {
        return this.#p(this.#w ? t.normalize(this.#w) : t);
      }
      #p(t, e) {
        if (this.#r !== void 0) return this.#d ? (this.#u ??= Je(this.#r)).test(t) : t === this.#r;
        let s = this.#m, i = this.#l;
        if (e === void 0) {
          let c = t.length, f = c + 1 >> 1;
          if (c < s || f > i) return false;
          (f < s || c > i) && (e = Nt(t));
        }
        if (e !== void 0 && (e.length < s || e.length > i)) return false;
        let n = this.#a.length;
        if (this.#y) if (this.#b !== void 0 && this.#E !== void 0) {
          if (!t.startsWith(this.#b) || !t.endsWith(this.#E)) return false;
        } else {
          e ??= Nt(t);
          let c = e.length - this.#s.length;
          if (!Ve(this.#a, e, 0) || !Ve(this.#s, e, c)) return false;
        }
        let o = !this.options.dot && t.startsWith(".");
        if (this.#f) {
          if (t === "." || t === ".." || o && !n) return false;
          if (this.#h) return true;
          e ??= Nt(t);
          let c = e.length - this.#s.length;
          return gi(this.#f, e, n, c);
        }
        if (e ??= Nt(t), t === "." || t === "..") {
          this.#i ??= Xe(this.#n);
          let c = this.#o ??= new dt(true, false, this.#i), f = c.state();
          c.add(f, this.#t, 0, true);
          let u = c.done(f);
          for (let p = 0; p < e.length; p++) u = c.step(u, e[p], p, true);
          return u.match;
        }
        this.#i ??= Xe(this.#n);
        let h = this.#g ??= new me(this.#t, this.#i), a = h.start(o), l = e === t;
        for (let c = 0; c < e.length; c++) {
          if (a.dead) return false;
          let f = l ? t.charCodeAt(c) : e[c].charCodeAt(0);
          a = a.ascii?.[f] ?? h.next(a, e[c]);
        }
        return a.match;
      }
      toString() {
        return di(this.#t);
      }
    };
    mt = (r7) => {
      if (typeof r7 != "string") throw new TypeError("invalid pattern");
      if (r7.length > 65536) throw new TypeError("pattern is too long");
    };
    K = (r7, { windowsPathsNoEscape: t = false, magicalBraces: e = false } = {}) => e ? t ? r7.replace(/[?*()[\]{}]/g, "[$&]") : r7.replace(/[?*()[\]\\{}]/g, "\\$&") : t ? r7.replace(/[?*()[\]]/g, "[$&]") : r7.replace(/[?*()[\]\\]/g, "\\$&");
    st = (r7, { windowsPathsNoEscape: t = false, magicalBraces: e = true } = {}) => e ? t ? r7.replace(/\[([^/\\])\]/g, "$1") : r7.replace(/((?!\\).|^)\[([^/\\])\]/g, "$1$2").replace(/\\([^/])/g, "$1") : t ? r7.replace(/\[([^/\\{}])\]/g, "$1") : r7.replace(/((?!\\).|^)\[([^/\\{}])\]/g, "$1$2").replace(/\\([^/{}])/g, "$1");
    T = (r7, t, e = {}) => (mt(t), !e.nocomment && t.charAt(0) === "#" ? false : xi(t, e).match(r7));
    it = /* @__PURE__ */ new Map();
    Si = 256;
    xi = (r7, t) => {
      let e = r7 + "\0" + JSON.stringify(t), s = it.get(e);
      return s ? it.delete(e) : (s = new D(r7, { ...t }), it.size >= Si && it.delete(it.keys().next().value)), it.set(e, s), s;
    };
    ls = typeof process == "object" && process ? process.env?.__MINIMATCH_TESTING_PLATFORM__ || process.platform : "posix";
    ns = { win32: { sep: "\\" }, posix: { sep: "/" } };
    vi = ls === "win32" ? ns.win32.sep : ns.posix.sep;
    T.sep = vi;
    v = /* @__PURE__ */ Symbol("globstar **");
    T.GLOBSTAR = v;
    Ei = (r7, t = {}) => (e) => T(e, r7, t);
    T.filter = Ei;
    U = (r7, t = {}) => Object.assign({}, r7, t);
    ki = (r7) => {
      if (!r7 || typeof r7 != "object" || !Object.keys(r7).length) return T;
      let t = T;
      return Object.assign((s, i, n = {}) => t(s, i, U(r7, n)), { Minimatch: class extends t.Minimatch {
        constructor(i, n = {}) {
          super(i, U(r7, n));
        }
        static defaults(i) {
          return t.defaults(U(r7, i)).Minimatch;
        }
      }, unescape: (s, i = {}) => t.unescape(s, U(r7, i)), escape: (s, i = {}) => t.escape(s, U(r7, i)), filter: (s, i = {}) => t.filter(s, U(r7, i)), defaults: (s) => t.defaults(U(r7, s)), braceExpand: (s, i = {}) => t.braceExpand(s, U(r7, i)), match: (s, i, n = {}) => t.match(s, i, U(r7, n)), sep: t.sep, GLOBSTAR: v });
    };
    T.defaults = ki;
    xe = (r7, t = {}) => (mt(r7), t.nobrace || !/\{(?:(?!\{).)*\}/.test(r7) ? [r7] : Ge(r7, { max: t.braceExpandMax }));
    T.braceExpand = xe;
    Ci = 100;
    Ai = /(?<![\\$])\{(-?\d+)\.\.(-?\d+)\}/g;
    Mi = (r7, t, e = {}) => {
      let s = new D(t, e);
      return r7 = r7.filter((i) => s.match(i)), s.options.nonull && !r7.length && r7.push(t), r7;
    };
    T.match = Mi;
    rs = /[?*]|[+@!]\(.*?\)|\[|\]/;
    cs = (r7, t) => {
      let e = t + 1;
      (r7.charAt(e) === "!" || r7.charAt(e) === "^") && e++;
      let s = false;
      for (; e < r7.length; e++) {
        let i = r7.charAt(e);
        if (i === "]" && s) return e;
        s = true, i === "\\" && e++;
      }
      return -1;
    };
    Ri = (r7, t) => {
      if (!t && (r7 === "+()" || r7 === "@()")) return r7;
      let e = "";
      for (let s = 0; s < r7.length; s++) {
        let i = r7.charAt(s);
        if (i === "\\") e += r7.charAt(++s) || i;
        else {
          if (i === "*" || i === "?") return;
          if (i === "[") {
            let n = cs(r7, s);
            if (n === -1) {
              e += i;
              continue;
            }
            let o = r7.slice(s + 1, n);
            if (o.startsWith("\\") && (o = o.slice(1)), [...o].length !== 1 || "!^".includes(r7.charAt(s + 1))) return;
            e += o, s = n;
          } else {
            if (!t && "+@!".includes(i) && r7.charAt(s + 1) === "(" && r7.includes(")", s + 2)) return;
            e += i;
          }
        }
      }
      return e;
    };
    Oi = (r7) => {
      if (/^[?*+@]\(\)$/.test(r7) || r7.includes("[:")) return false;
      let t = 0;
      for (let e = 0; e < r7.length; e++) {
        let s = r7.charAt(e);
        if (s === "\\") {
          if (++e === r7.length) return false;
        } else if (s === "[") {
          let i = cs(r7, e);
          i !== -1 && (e = i);
        } else if ("+@!?*".includes(s) && r7.charAt(e + 1) === "(") t++, e++;
        else if (s === ")") {
          if (!t--) return false;
        } else if (s === "|" && !t) return false;
      }
      return !t;
    };
    X = (r7, t) => typeof r7 == "string" ? t === r7 : t !== "" && r7.testUnchecked(t);
    hs = (r7, t, e, s, i) => X(r7, t) ? e : s !== void 0 && X(r7, s) ? i : -1;
    ve = (r7) => r7 === "." || r7 === "..";
    be = (r7) => typeof r7 == "string" && /^[a-z]:$/i.test(r7);
    zt = (r7) => typeof r7 == "string" && /^unc$/i.test(r7);
    ye = (r7) => {
      if (r7[0] !== "" || r7[1] !== "") return -1;
      let t = r7[2] !== "?" ? 2 : zt(r7[3]) ? 4 : -1, e = r7[t], s = r7[t + 1];
      return t !== -1 && e !== void 0 && e !== "" && e !== v && s !== void 0 && s !== "" && s !== v ? t : -1;
    };
    Pt = (r7, t) => !ve(r7) && (t || !r7.startsWith("."));
    gt = (r7, t, e, s, i) => {
      for (let n = t; n < e; ) {
        if (r7.charCodeAt(n) === 46) {
          if (!s) return true;
          let h = r7.charCodeAt(n + 1) === 46 ? n + 2 : n + 1;
          if (h >= e || Lt(r7.charCodeAt(h), i)) return true;
        }
        let o = Ee(r7, n, i);
        if (o === -1) return false;
        for (n = o + 1; n < e && Lt(r7.charCodeAt(n), i); ) n++;
      }
      return false;
    };
    Lt = (r7, t) => t === "/" ? r7 === 47 : t === "\\" ? r7 === 92 : r7 === 47 || r7 === 92;
    Ee = (r7, t, e) => {
      if (e !== "both") return r7.indexOf(e, t);
      let s = r7.indexOf("/", t), i = r7.indexOf("\\", t);
      return s === -1 ? i : i === -1 ? s : Math.min(s, i);
    };
    as = (r7, t, e) => e !== "both" ? r7.lastIndexOf(e, t) : Math.max(r7.lastIndexOf("/", t), r7.lastIndexOf("\\", t));
    Se = {};
    D = class {
      options;
      set;
      pattern;
      windowsPathsNoEscape;
      nonegate;
      negate;
      comment;
      empty;
      preserveMultipleSlashes;
      partial;
      globSet;
      globParts;
      nocase;
      isWindows;
      platform;
      windowsNoMagicRoot;
      maxGlobstarRecursion;
      #t;
      #n;
      #i;
      #o;
      #r = [];
      #d = [];
      #u = [];
      #f = /* @__PURE__ */ new Map();
      #h = false;
      #m;
      #l = /* @__PURE__ */ new WeakMap();
      constructor(t, e = {}) {
        mt(t), e = e || {}, this.options = e, this.maxGlobstarRecursion = e.maxGlobstarRecursion ?? 200, this.pattern = t, this.platform = e.platform || ls, this.isWindows = this.platform === "win32";
        let s = "allowWindowsEscape";
        this.windowsPathsNoEscape = !!e.windowsPathsNoEscape || e[s] === false, this.windowsPathsNoEscape && (this.pattern = this.pattern.replace(/\\/g, "/")), this.preserveMultipleSlashes = !!e.preserveMultipleSlashes, this.negate = false, this.nonegate = !!e.nonegate, this.comment = false, this.empty = false, this.partial = !!e.partial, this.nocase = !!this.options.nocase, this.windowsNoMagicRoot = e.windowsNoMagicRoot !== void 0 ? e.windowsNoMagicRoot : !!(this.isWindows && this.nocase), this.globSet = [], this.globParts = [], this.set = [], this.#t = !this.preserveMultipleSlashes, this.#i = (e.optimizationLevel ?? 1) >= 2;
        let i = e.normalize;
        this.#o = i === true ? "NFC" : i || void 0, this.make();
        let n = this.set.map((o) => this.#s(o));
        this.#u = this.set.map((o, h) => this.#t && o.length - 1 > n[h]), this.#r = this.set.map((o, h) => {
          let a = this.#u[h] ? o.length - 1 : o.length, l = o.slice(n[h] + 1, a).filter((c) => typeof c == "string" && !!c);
          return [...new Set(l)];
        }), this.#n = this.#r.some((o) => o.length), this.#d = this.set.map((o, h) => {
          let [a, l, c] = o;
          if (this.#u[h] && o.length === 2 && a === v && l !== v) return "tail";
          if (this.#u[h] && e.matchBase && o.length === 1 && a !== v && a !== "") return "base";
          if (!(!this.#t || n[h] !== -1)) {
            if (o.length === 3 && a === v && c === v && l !== v && l !== "" && this.maxGlobstarRecursion > 0) return "mid";
            if (o.length === 2 && l === v && a !== v && a !== "") return "head";
          }
        });
      }
      #a(t) {
        return this.#o ? t.normalize(this.#o) : t;
      }
      #s(t) {
        if (!this.isWindows) return -1;
        if (be(t[0])) return 0;
        if (t[0] === "" && t[1] === "" && t[2] === "?" && be(t[3])) return 3;
        let s = ye(t);
        return s === -1 ? -1 : s + 1;
      }
      hasMagic() {
        if (this.options.magicalBraces && this.set.length > 1) return true;
        for (let t of this.set) for (let e of t) if (typeof e != "string") return true;
        return false;
      }
      make() {
        let t = this.pattern, e = this.options;
        if (!e.nocomment && t.charAt(0) === "#") {
          this.comment = true;
          return;
        }
        if (!t) {
          this.empty = true;
          return;
        }
        this.parseNegate(), this.globSet = [...new Set(this.#M())];
        let s = this.globSet.map((n) => this.#e(n));
        this.globParts = this.preprocess(s), this.#h = true;
        let i = this.globParts.map((n, o, h) => {
          if (this.isWindows && this.windowsNoMagicRoot) {
            let a = n[2] === "?" && zt(n[3]) ? 6 : 4, l = n[0] === "" && n[1] === "" && (n[2] === "?" || !rs.test(n[2])) && n.slice(3, a).every((f) => !rs.test(f)), c = /^[a-z]:/i.test(n[0]);
            if (l) return [...n.slice(0, a).map((f) => this.#a(f)), ...n.slice(a).map((f) => this.parse(f))];
            if (c) return [this.#a(n[0]), ...n.slice(1).map((f) => this.parse(f))];
          }
          return n.map((a) => this.parse(a));
        });
        if (this.set = i.filter((n) => n.indexOf(false) === -1), this.isWindows) for (let n = 0; n < this.set.length; n++) {
          let o = this.set[n];
          o[0] === "" && o[1] === "" && this.globParts[n][2] === "?" && (be(o[3]) || zt(this.globParts[n][3])) && (zt(this.globParts[n][3]) && (o[3] = "UNC"), o[2] = "?");
        }
        e.noext || this.mergeRows(), this.#h = false, this.set.forEach((n, o) => {
          for (let h = 0; h < n.length; h++) n[h] === Se && (n[h] = this.parse(this.globParts[o][h]));
        });
      }
      mergeRows() {
        let t = true;
        for (; t; ) {
          t = false;
          let e = Math.max(0, ...this.set.map((s) => s.length));
          for (let s = 0; s < e; s++) {
            let i = /* @__PURE__ */ new Map();
            this.set.forEach((o, h) => {
              if (!(o[s] instanceof pt || o[s] === Se) || !Oi(this.globParts[h][s])) return;
              let a = [...this.globParts[h]];
              a[s] = "";
              let l = `${o.length}/${a.join("/")}`, c = i.get(l);
              c ? c.push(h) : i.set(l, [h]);
            });
            let n = /* @__PURE__ */ new Set();
            for (let o of i.values()) {
              if (o.length < 2) continue;
              let [h, ...a] = o, c = `@(${o.map((f) => this.globParts[f][s]).join("|")})`;
              this.globParts[h][s] = c, this.set[h][s] = this.parse(c);
              for (let f of a) n.add(f);
            }
            n.size && (t = true, this.set = this.set.filter((o, h) => !n.has(h)), this.globParts = this.globParts.filter((o, h) => !n.has(h)));
          }
        }
      }
      preprocess(t) {
        if (this.options.noglobstar) for (let s of t) for (let i = 0; i < s.length; i++) s[i] === "**" && (s[i] = "*");
        let { optimizationLevel: e = 1 } = this.options;
        return e >= 2 ? (t = this.firstPhasePreProcess(t), t = this.secondPhasePreProcess(t)) : e >= 1 ? t = this.levelOneOptimize(t) : t = this.adjascentGlobstarOptimize(t), t;
      }
      adjascentGlobstarOptimize(t) {
        return t.map((e) => {
          let s = -1;
          for (; (s = e.indexOf("**", s + 1)) !== -1; ) {
            let i = s;
            for (; e[i + 1] === "**"; ) i++;
            i !== s && e.splice(s, i - s);
          }
          return e;
        });
      }
      levelOneOptimize(t) {
        return t.map((e) => {
          let s = this.#s(e) + 1;
          return e = e.reduce((i, n) => {
            let o = i[i.length - 1];
            return n === "**" && o === "**" ? i : n === ".." && i.length > s && o && o !== ".." && o !== "." && o !== "**" ? (i.pop(), i) : (i.push(n), i);
          }, []), e.length === 0 ? [""] : e;
        });
      }
      #b(t) {
        let e = !this.isWindows || !t.includes("\\") ? "/" : t.includes("/") ? "both" : "\\", s = this.#t ? 0 : -1, i = "", n = 0, o, h = 0, a = !!this.options.dot;
        t: for (let l = 0; l < this.set.length; l++) {
          let c = this.set[l], f = c[c.length - 1], u = s !== -1 && this.#u[l] && f !== v;
          if (u && s === 0) {
            let d = as(t, t.length, e);
            if (n = d + 1, i = t.slice(n), i === "" && d >= 0) {
              let m = d;
              for (; m > 0 && Lt(t.charCodeAt(m - 1), e); ) m--;
              h = m === 0 ? 0 : as(t, m - 1, e) + 1, o = t.slice(h, m);
            }
            let w = this.#i && (ve(i) || i === "" && o !== void 0 && ve(o));
            s = w ? -1 : 1, u = !w;
          }
          let p = -1;
          if (u && typeof f == "string" && (p = hs(f, i, n, o, h), p === -1)) continue;
          if (this.#n) {
            for (let d of this.#r[l]) if (!t.includes(d)) continue t;
          }
          if (u && typeof f == "object" && (p = hs(f, i, n, o, h), p === -1)) continue;
          let g = this.#d[l];
          if (g === "base" && u) return "yes";
          if (g === "tail" && u) {
            if (this.#i && gt(t, 0, p, true, e)) return "maybe";
            if (!gt(t, 0, p, a, e)) return "yes";
            continue;
          }
          if (g === "mid" || g === "head") {
            let d = this.#y(t, c, g === "head", a, e);
            if (d !== "no") return d;
            continue;
          }
          return "maybe";
        }
        return "no";
      }
      #E(t, e, s) {
        let i = !!this.options.dot, n = t.length;
        if (s === "head") {
          if (n < 2 || !X(e[0], t[0])) return false;
          for (let h = 1; h < n; h++) if (!Pt(t[h], i)) return false;
          return true;
        }
        let o = e[1];
        if (s === "tail") {
          let h = n - 1;
          if (!X(o, t[h]) && (t[h] !== "" || n === 1 || !X(o, t[--h]))) return false;
          for (let a = 0; a < h; a++) if (!Pt(t[a], i)) return false;
          return true;
        }
        for (let h = 0; h < n; h++) {
          if (X(o, t[h]) && h + 1 < n) {
            let a = h + 1;
            for (; a < n && Pt(t[a], i); ) a++;
            if (a === n) return true;
          }
          if (!Pt(t[h], i)) return false;
        }
        return false;
      }
      #y(t, e, s, i, n) {
        if (this.#i && gt(t, 0, t.length, true, n)) return "maybe";
        let o = e[s ? 0 : 1], h = 0;
        for (let a = Ee(t, h, n); a !== -1; a = Ee(t, h, n)) {
          let l = a + 1;
          for (; l < t.length && Lt(t.charCodeAt(l), n); ) l++;
          if ((typeof o == "string" ? a - h === o.length && t.startsWith(o, h) : a > h && o.testUnchecked(t.slice(h, a))) && !gt(t, l, t.length, i, n)) return "yes";
          if (s || gt(t, h, l, i, n)) return "no";
          h = l;
        }
        return "no";
      }
      #g(t) {
        let e = we;
        return e?.f === t && e.isWindows === this.isWindows && e.preserveMultipleSlashes === this.preserveMultipleSlashes && e.normalize === this.#o ? e : void 0;
      }
      #w(t) {
        let { isWindows: e, preserveMultipleSlashes: s } = this, i = this.#e(e ? t.split("\\").join("/") : t), n = this.#o;
        return n && (i = i.map((o) => o.normalize(n))), we = { f: t, isWindows: e, preserveMultipleSlashes: s, normalize: n, parts: i }, we;
      }
      #p(t) {
        let e = [...t], s = false;
        do {
          if (s = false, !this.preserveMultipleSlashes) {
            for (let o = 1; o < e.length - 1; o++) {
              let h = e[o];
              o === 1 && h === "" && e[0] === "" || (h === "." || h === "") && (s = true, e.splice(o, 1), o--);
            }
            e[0] === "." && e.length === 2 && (e[1] === "." || e[1] === "") && (s = true, e.pop());
          }
          let i = this.#s(e) + 1, n = i;
          for (; (n = e.indexOf("..", n + 1)) !== -1; ) {
            let o = e[n - 1];
            o && o !== "." && o !== ".." && o !== "**" && (s = true, e.splice(n - 1, 2), n = Math.max(n - 2, i));
          }
        } while (s);
        return e.length === 0 ? [""] : e;
      }
      firstPhasePreProcess(t) {
        let { braceExpandMax: e = 1e5 } = this.options, s = 0, i = 1e6, n = false;
        do {
          n = false;
          for (let o of t) {
            let h = -1;
            for (; (h = o.indexOf("**", h + 1)) !== -1; ) {
              let c = h;
              for (; o[c + 1] === "**"; ) c++;
              c > h && o.splice(h + 1, c - h);
              let f = o[h + 1], u = o[h + 2], p = o[h + 3];
              if (f !== ".." || !u || u === "." || u === ".." || !p || p === "." || p === "..") continue;
              let g = o.length - 1;
              if (t.length >= e || s + g > i) throw new RangeError("optimizationLevel 2: too many patterns from '**/..'");
              n = true, o.splice(h, 1);
              let d = o.slice(0);
              d[h] = "**", s += g, t.push(d), h--;
            }
            if (!this.preserveMultipleSlashes) {
              for (let c = 1; c < o.length - 1; c++) {
                let f = o[c];
                c === 1 && f === "" && o[0] === "" || (f === "." || f === "") && (n = true, o.splice(c, 1), c--);
              }
              o[0] === "." && o.length === 2 && (o[1] === "." || o[1] === "") && (n = true, o.pop());
            }
            let a = this.#s(o) + 1, l = a;
            for (; (l = o.indexOf("..", l + 1)) !== -1; ) {
              let c = o[l - 1];
              if (c && c !== "." && c !== ".." && c !== "**") {
                n = true;
                let u = l === 1 && o[l + 1] === "**" ? ["."] : [];
                o.splice(l - 1, 2, ...u), o.length === 0 && o.push(""), l = Math.max(l - 2, a);
              }
            }
          }
        } while (n);
        return t;
      }
      secondPhasePreProcess(t) {
        let e = /* @__PURE__ */ new Set(), s = t.filter((o) => {
          let h = o.join("/");
          return e.has(h) ? false : (e.add(h), true);
        }), i = /* @__PURE__ */ new Map();
        for (let o of s) {
          let h = [];
          for (let a = 0; a < o.length; a++) o[a] === "*" && h.push(a);
          h.length && i.set(h.join(","), h);
        }
        if (!i.size || s.length * i.size > 1e5) return s;
        let { dot: n } = this.options;
        return s.filter((o) => {
          for (let h of i.values()) {
            if (h[h.length - 1] >= o.length) continue;
            let a = [...o], l = true, c = false;
            for (let f of h) {
              let u = o[f];
              if (u !== "*") {
                if (!u || u === "**" || !n && u.startsWith(".")) {
                  l = false;
                  break;
                }
                a[f] = "*", c = true;
              }
            }
            if (l && c && e.has(a.join("/"))) return false;
          }
          return true;
        });
      }
      parseNegate() {
        if (this.nonegate) return;
        let t = this.pattern, e = false, s = 0;
        for (let i = 0; i < t.length && t.charAt(i) === "!"; i++) e = !e, s++;
        s && (this.pattern = t.slice(s)), this.negate = e;
      }
      #k(t, e, s, i) {
        let n = 0, o = 0, h = this.isWindows ? ye(e) : -1, a = h === -1 ? -1 : ye(s);
        if (a !== -1) {
          let l = s[a], c = s[a + 1];
          typeof l != "string" || typeof c != "string" ? (n = h, o = a) : e[h].toLowerCase() === l.toLowerCase() && e[h + 1].toLowerCase() === c.toLowerCase() && (n = h + 2, o = a + 2);
        } else if (this.isWindows) {
          let l = typeof t[0] == "string" && /^[a-z]:$/i.test(t[0]), c = !l && t[0] === "" && t[1] === "" && t[2] === "?" && /^[a-z]:$/i.test(t[3]), f = typeof s[0] == "string" && /^[a-z]:$/i.test(s[0]), u = !f && s[0] === "" && s[1] === "" && s[2] === "?" && typeof s[3] == "string" && /^[a-z]:$/i.test(s[3]), p = c ? 3 : l ? 0 : void 0, g = u ? 3 : f ? 0 : void 0;
          if (typeof p == "number" && typeof g == "number") {
            let [d, w] = [t[p], s[g]];
            d.toLowerCase() === w.toLowerCase() && (o = g + 1, n = p + 1);
          }
        }
        return t = e, s.includes(v) ? this.#C(t, s, i, n, o) : this.#S(t, s, i, n, o);
      }
      #C(t, e, s, i, n) {
        let { head: o, body: h, tail: a, segments: l } = this.#x(e, s, n);
        if (o.length) {
          let f = i + o.length;
          if (!this.#S(t, o, s, i, 0, f)) return false;
          i += o.length, n += o.length;
        }
        let c = 0;
        if (a.length) {
          if (a.length + i > t.length) return false;
          let f = t.length - a.length;
          if (this.#S(t, a, s, f, 0)) c = a.length;
          else {
            if (t[t.length - 1] !== "" || i + a.length === t.length || (f--, !this.#S(t, a, s, f, 0))) return false;
            c = a.length + 1;
          }
        }
        if (!h.length) {
          let f = !!c;
          for (let u = i; u < t.length - c; u++) {
            let p = String(t[u]);
            if (f = true, p === "." || p === ".." || !this.options.dot && p.startsWith(".")) return false;
          }
          return s || f;
        }
        return !!this.#v(t, l, t.length - c, i, 0, s, 0, !!c, /* @__PURE__ */ new Set());
      }
      #x(t, e, s) {
        let i = this.#l.get(t);
        i || (i = [], this.#l.set(t, i));
        let n = s * 2 + (e ? 1 : 0), o = i[n];
        if (o) return o;
        let h = t.indexOf(v, s), a = t.lastIndexOf(v), l = t.slice(s, h), c = t.slice(h + 1, e ? void 0 : a), f = e ? [] : t.slice(a + 1), u = [[[], 0]], p = u[0], g = 0, d = [0];
        for (let m of c) m === v ? (d.push(g), p = [[], 0], u.push(p)) : (p[0].push(m), g++);
        u.forEach((m, b) => {
          m[1] = g - d[b];
        });
        let w = { head: l, body: c, tail: f, segments: u };
        return i[n] = w, w;
      }
      #v(t, e, s, i, n, o, h, a, l) {
        let c = e[n];
        if (!c) {
          if (o) return i >= s || i === s - 1 && t[i] === "";
          for (let g = i; g < s; g++) {
            a = true;
            let d = t[g];
            if (d === "." || d === ".." || !this.options.dot && d.startsWith(".")) return false;
          }
          return a;
        }
        let [f, u] = c, p = o ? s : s - u;
        for (; i <= p; ) {
          let g = n * (t.length + 1) + i;
          if (l.has(g)) return false;
          if (l.add(g), this.#S(t, f, o, i, 0, i + f.length) && h < this.maxGlobstarRecursion) {
            let m = this.#v(t, e, s, i + f.length, n + 1, o, h + 1, a, l);
            if (m !== false) return m;
          }
          if (i === p) break;
          let w = t[i];
          if (w === "." || w === ".." || !this.options.dot && w.startsWith(".")) return false;
          i++;
        }
        return o || null;
      }
      #S(t, e, s, i, n, o = t.length) {
        let h, a, l, c;
        for (h = i, a = n, c = Math.min(o, t.length), l = e.length; h < c && a < l; h++, a++) {
          let f = e[a], u = t[h];
          if (f === false || f === v || !X(f, u)) return false;
        }
        if (h === c && a === l) return true;
        if (h === c) return s;
        if (a === l) return h === c - 1 && t[h] === "";
        throw new Error("wtf?");
      }
      braceExpand() {
        return xe(this.pattern, this.options);
      }
      #M() {
        let { pattern: t } = this;
        if (this.options.nobrace) return this.braceExpand();
        let e = 57344;
        for (; t.includes(String.fromCharCode(e)); ) if (++e > 63743) return this.braceExpand();
        let s = String.fromCharCode(e), i = false, n = t.replace(Ai, (h, a, l) => {
          let c = Number(a), f = Number(l);
          return !Number.isSafeInteger(c) || !Number.isSafeInteger(f) || Math.abs(c - f) + 1 < Ci ? h : (i = true, `${s}${a}..${l}${s}`);
        });
        if (!i) return this.braceExpand();
        let o = xe(n, this.options);
        for (let h of o) for (let a of h.split("/")) {
          let l = a.indexOf("[");
          if (l !== -1 && l < a.lastIndexOf(s)) return this.braceExpand();
        }
        return this.#m = s, o;
      }
      parse(t) {
        mt(t);
        let e = this.options;
        if (t === "**") return v;
        if (t === "") return "";
        let { nocase: s, nocaseMagicOnly: i, noext: n = false, dot: o, normalize: h } = e, a = this.#m, l = a && t.includes(a) ? void 0 : Ri(t, n);
        if (l !== void 0 && !(s && !i && t.toUpperCase() !== t.toLowerCase())) return this.#a(l);
        if (this.#h) return Se;
        let c = this.#f.get(t);
        return c || (c = new pt(t, { nocase: s, noext: n, dot: o, normalize: h, ...a && { rangeMark: a } }), this.#f.set(t, c)), c;
      }
      #e(t) {
        return this.preserveMultipleSlashes ? t.split("/") : this.isWindows && /^\/\/[^/]+/.test(t) ? ["", ...t.split(/\/+/)] : t.split(/\/+/);
      }
      match(t, e = this.partial) {
        if (this.comment) return false;
        if (this.empty) return t === "";
        if (t === "/" && e) return true;
        let s = this.options, i = this.#g(t);
        if (!i) {
          if (!e && !this.#o && (this.#t || this.#n) && os5 !== t) {
            os5 = t;
            let l = this.#b(t);
            if (l === "no") return s.flipNegate ? false : this.negate;
            if (l === "yes") return s.flipNegate ? true : !this.negate;
          }
          i = this.#w(t);
        }
        let n = i.parts, o = this.#i ? i.resolved ??= this.#p(n) : n, h = this.set, a = n[n.length - 1];
        if (!a) for (let l = n.length - 2; !a && l >= 0; l--) a = n[l];
        for (let l = 0; l < h.length; l++) {
          let c = h[l], f = e ? void 0 : this.#d[l];
          if (f === "base" ? X(c[0], a) : f ? this.#E(o, c, f) : s.matchBase && c.length === 1 ? this.#k([a], [a], c, e) : this.#k(n, o, c, e)) return s.flipNegate ? true : !this.negate;
        }
        return s.flipNegate ? false : this.negate;
      }
      static defaults(t) {
        return T.defaults(t).Minimatch;
      }
    };
    T.Minimatch = D;
    T.escape = K;
    T.unescape = st;
    M = Ti("lru-cache:metrics");
    wt = Fi("lru-cache");
    _i = typeof performance == "object" && performance && typeof performance.now == "function" ? performance : Date;
    ke = () => M.hasSubscribers || wt.hasSubscribers;
    us = /* @__PURE__ */ new Set();
    fs3 = typeof process == "object" && process ? process : {};
    Di = (r7, t, e, s) => {
      typeof fs3.emitWarning == "function" ? fs3.emitWarning(r7, t, e, s) : console.error(`[${e}] ${t}: ${r7}`);
    };
    Ni = (r7) => !us.has(r7);
    V = (r7) => !!r7 && r7 === Math.floor(r7) && r7 > 0 && isFinite(r7);
    ds = (r7) => V(r7) ? r7 <= Math.pow(2, 8) ? Uint8Array : r7 <= Math.pow(2, 16) ? Uint16Array : r7 <= Math.pow(2, 32) ? Uint32Array : r7 <= Number.MAX_SAFE_INTEGER ? jt : null : null;
    jt = class extends Array {
      constructor(r7) {
        super(r7), this.fill(0);
      }
    };
    Pi = class bt {
      heap;
      length;
      static #t = false;
      static create(t) {
        let e = ds(t);
        if (!e) return [];
        bt.#t = true;
        let s = new bt(t, e);
        return bt.#t = false, s;
      }
      constructor(t, e) {
        if (!bt.#t) throw new TypeError("instantiate Stack using Stack.create(n)");
        this.heap = new e(t), this.length = 0;
      }
      push(t) {
        this.heap[this.length++] = t;
      }
      pop() {
        return this.heap[--this.length];
      }
    };
    yt = class ps {
      #t;
      #n;
      #i;
      #o;
      #r;
      #d;
      #u;
      #f;
      get perf() {
        return this.#f;
      }
      ttl;
      ttlResolution;
      ttlAutopurge;
      updateAgeOnGet;
      updateAgeOnHas;
      allowStale;
      noDisposeOnSet;
      noUpdateTTL;
      maxEntrySize;
      sizeCalculation;
      noDeleteOnFetchRejection;
      noDeleteOnStaleGet;
      allowStaleOnFetchAbort;
      allowStaleOnFetchRejection;
      ignoreFetchAbort;
      backgroundFetchSize;
      #h;
      #m;
      #l;
      #a;
      #s;
      #b;
      #E;
      #y;
      #g;
      #w;
      #p;
      #k;
      #C;
      #x;
      #v;
      #S;
      #M;
      #e;
      #T;
      static unsafeExposeInternals(t) {
        return { starts: t.#C, ttls: t.#x, autopurgeTimers: t.#v, sizes: t.#k, keyMap: t.#l, keyList: t.#a, valList: t.#s, next: t.#b, prev: t.#E, get head() {
          return t.#y;
        }, get tail() {
          return t.#g;
        }, free: t.#w, isBackgroundFetch: (e) => t.#c(e), backgroundFetch: (e, s, i, n) => t.#L(e, s, i, n), moveToTail: (e) => t.#X(e), indexes: (e) => t.#O(e), rindexes: (e) => t.#F(e), isStale: (e) => t.#A(e) };
      }
      get max() {
        return this.#t;
      }
      get maxSize() {
        return this.#n;
      }
      get calculatedSize() {
        return this.#m;
      }
      get size() {
        return this.#h;
      }
      get fetchMethod() {
        return this.#d;
      }
      get memoMethod() {
        return this.#u;
      }
      get dispose() {
        return this.#i;
      }
      get onInsert() {
        return this.#o;
      }
      get disposeAfter() {
        return this.#r;
      }
      constructor(t) {
        let { max: e = 0, ttl: s, ttlResolution: i = 1, ttlAutopurge: n, updateAgeOnGet: o, updateAgeOnHas: h, allowStale: a, dispose: l, onInsert: c, disposeAfter: f, noDisposeOnSet: u, noUpdateTTL: p, maxSize: g = 0, maxEntrySize: d = 0, sizeCalculation: w, fetchMethod: m, memoMethod: b, noDeleteOnFetchRejection: x, noDeleteOnStaleGet: S, allowStaleOnFetchRejection: y, allowStaleOnFetchAbort: q, ignoreFetchAbort: W, backgroundFetchSize: B = 1, perf: et } = t;
        if (this.backgroundFetchSize = B, et !== void 0 && typeof et?.now != "function") throw new TypeError("perf option must have a now() method if specified");
        if (this.#f = et ?? _i, e !== 0 && !V(e)) throw new TypeError("max option must be a nonnegative integer");
        let ie = e ? ds(e) : Array;
        if (!ie) throw new Error("invalid max value: " + e);
        if (this.#t = e, this.#n = g, this.maxEntrySize = d || this.#n, this.sizeCalculation = w, this.sizeCalculation) {
          if (!this.#n && !this.maxEntrySize) throw new TypeError("cannot set sizeCalculation without setting maxSize or maxEntrySize");
          if (typeof this.sizeCalculation != "function") throw new TypeError("sizeCalculation set to non-function");
        }
        if (b !== void 0 && typeof b != "function") throw new TypeError("memoMethod must be a function if defined");
        if (this.#u = b, m !== void 0 && typeof m != "function") throw new TypeError("fetchMethod must be a function if specified");
        if (this.#d = m, this.#M = !!m, this.#l = /* @__PURE__ */ new Map(), this.#a = Array.from({ length: e }).fill(void 0), this.#s = Array.from({ length: e }).fill(void 0), this.#b = new ie(e), this.#E = new ie(e), this.#y = 0, this.#g = 0, this.#w = Pi.create(e), this.#h = 0, this.#m = 0, typeof l == "function" && (this.#i = l), typeof c == "function" && (this.#o = c), typeof f == "function" ? (this.#r = f, this.#p = []) : (this.#r = void 0, this.#p = void 0), this.#S = !!this.#i, this.#T = !!this.#o, this.#e = !!this.#r, this.noDisposeOnSet = !!u, this.noUpdateTTL = !!p, this.noDeleteOnFetchRejection = !!x, this.allowStaleOnFetchRejection = !!y, this.allowStaleOnFetchAbort = !!q, this.ignoreFetchAbort = !!W, this.maxEntrySize !== 0) {
          if (this.#n !== 0 && !V(this.#n)) throw new TypeError("maxSize must be a positive integer if specified");
          if (!V(this.maxEntrySize)) throw new TypeError("maxEntrySize must be a positive integer if specified");
          this.#G();
        }
        if (this.allowStale = !!a, this.noDeleteOnStaleGet = !!S, this.updateAgeOnGet = !!o, this.updateAgeOnHas = !!h, this.ttlResolution = V(i) || i === 0 ? i : 1, this.ttlAutopurge = !!n, this.ttl = s || 0, this.ttl) {
          if (!V(this.ttl)) throw new TypeError("ttl must be a positive integer if specified");
          this.#_();
        }
        if (this.#t === 0 && this.ttl === 0 && this.#n === 0) throw new TypeError("At least one of max, maxSize, or ttl is required");
        if (!this.ttlAutopurge && !this.#t && !this.#n) {
          let ne = "LRU_CACHE_UNBOUNDED";
          Ni(ne) && (us.add(ne), Di("TTL caching without ttlAutopurge, max, or maxSize can result in unbounded memory consumption.", "UnboundedCacheWarning", ne, ps));
        }
      }
      getRemainingTTL(t) {
        return this.#l.has(t) ? 1 / 0 : 0;
      }
      #_() {
        let t = new jt(this.#t), e = new jt(this.#t);
        this.#x = t, this.#C = e;
        let s = this.ttlAutopurge ? Array.from({ length: this.#t }) : void 0;
        this.#v = s, this.#W = (a, l, c = this.#f.now()) => {
          e[a] = l !== 0 ? c : 0, t[a] = l, i(a, l);
        }, this.#R = (a) => {
          e[a] = t[a] !== 0 ? this.#f.now() : 0, i(a, t[a]);
        };
        let i = this.ttlAutopurge ? (a, l) => {
          if (s?.[a] && (clearTimeout(s[a]), s[a] = void 0), l && l !== 0 && s) {
            let c = setTimeout(() => {
              this.#A(a) ? (this.#j(this.#a[a], "expire"), s[a] = void 0) : i(a, h(a));
            }, l + 1);
            c.unref && c.unref(), s[a] = c;
          }
        } : () => {
        };
        this.#D = (a, l) => {
          if (t[l]) {
            let c = t[l], f = e[l];
            if (!c || !f) return;
            a.ttl = c, a.start = f, a.now = n || o();
            let u = a.now - f;
            a.remainingTTL = c - u;
          }
        };
        let n = 0, o = () => {
          let a = this.#f.now();
          if (this.ttlResolution > 0) {
            n = a;
            let l = setTimeout(() => n = 0, this.ttlResolution);
            l.unref && l.unref();
          }
          return a;
        };
        this.getRemainingTTL = (a) => {
          let l = this.#l.get(a);
          return l === void 0 ? 0 : h(l);
        };
        let h = (a) => {
          let l = t[a], c = e[a];
          if (!l || !c) return 1 / 0;
          let f = (n || o()) - c;
          return l - f;
        };
        this.#A = (a) => {
          let l = e[a], c = t[a];
          return !!c && !!l && (n || o()) - l > c;
        };
      }
      #R = () => {
      };
      #D = () => {
      };
      #W = () => {
      };
      #A = () => false;
      #G() {
        let t = new jt(this.#t);
        this.#m = 0, this.#k = t, this.#P = (e) => {
          this.#m -= t[e], t[e] = 0;
        }, this.#$ = (e, s, i, n) => {
          if (!V(i)) {
            if (this.#c(s)) return this.backgroundFetchSize;
            if (n) {
              if (typeof n != "function") throw new TypeError("sizeCalculation must be a function");
              if (i = n(s, e), !V(i)) throw new TypeError("sizeCalculation return invalid (expect positive integer)");
            } else throw new TypeError("invalid size value (must be positive integer). When maxSize or maxEntrySize is used, sizeCalculation or size must be set.");
          }
          return i;
        }, this.#N = (e, s, i) => {
          if (t[e] = s, this.#n) {
            let n = this.#n - t[e];
            for (; this.#m > n; ) this.#U(true);
          }
          this.#m += t[e], i && (i.entrySize = s, i.totalCalculatedSize = this.#m);
        };
      }
      #P = (t) => {
      };
      #N = (t, e, s) => {
      };
      #$ = (t, e, s, i) => {
        if (s || i) throw new TypeError("cannot set size without setting maxSize or maxEntrySize on cache");
        return 0;
      };
      *#O({ allowStale: t = this.allowStale } = {}) {
        if (this.#h) for (let e = this.#g; this.#I(e) && ((t || !this.#A(e)) && (yield e), e !== this.#y); ) e = this.#E[e];
      }
      *#F({ allowStale: t = this.allowStale } = {}) {
        if (this.#h) for (let e = this.#y; this.#I(e) && ((t || !this.#A(e)) && (yield e), e !== this.#g); ) e = this.#b[e];
      }
      #I(t) {
        return t !== void 0 && this.#l.get(this.#a[t]) === t;
      }
      *entries() {
        for (let t of this.#O()) this.#s[t] !== void 0 && this.#a[t] !== void 0 && !this.#c(this.#s[t]) && (yield [this.#a[t], this.#s[t]]);
      }
      *rentries() {
        for (let t of this.#F()) this.#s[t] !== void 0 && this.#a[t] !== void 0 && !this.#c(this.#s[t]) && (yield [this.#a[t], this.#s[t]]);
      }
      *keys() {
        for (let t of this.#O()) {
          let e = this.#a[t];
          e !== void 0 && !this.#c(this.#s[t]) && (yield e);
        }
      }
      *rkeys() {
        for (let t of this.#F()) {
          let e = this.#a[t];
          e !== void 0 && !this.#c(this.#s[t]) && (yield e);
        }
      }
      *values() {
        for (let t of this.#O()) this.#s[t] !== void 0 && !this.#c(this.#s[t]) && (yield this.#s[t]);
      }
      *rvalues() {
        for (let t of this.#F()) this.#s[t] !== void 0 && !this.#c(this.#s[t]) && (yield this.#s[t]);
      }
      [Symbol.iterator]() {
        return this.entries();
      }
      [Symbol.toStringTag] = "LRUCache";
      find(t, e = {}) {
        for (let s of this.#O()) {
          let i = this.#s[s], n = this.#c(i) ? i.__staleWhileFetching : i;
          if (n !== void 0 && t(n, this.#a[s], this)) return this.#K(this.#a[s], e);
        }
      }
      forEach(t, e = this) {
        for (let s of this.#O()) {
          let i = this.#s[s], n = this.#c(i) ? i.__staleWhileFetching : i;
          n !== void 0 && t.call(e, n, this.#a[s], this);
        }
      }
      rforEach(t, e = this) {
        for (let s of this.#F()) {
          let i = this.#s[s], n = this.#c(i) ? i.__staleWhileFetching : i;
          n !== void 0 && t.call(e, n, this.#a[s], this);
        }
      }
      purgeStale() {
        let t = false;
        for (let e of this.#F({ allowStale: true })) this.#A(e) && (this.#j(this.#a[e], "expire"), t = true);
        return t;
      }
      info(t) {
        let e = this.#l.get(t);
        if (e === void 0) return;
        let s = this.#s[e], i = this.#c(s) ? s.__staleWhileFetching : s;
        if (i === void 0) return;
        let n = { value: i };
        if (this.#x && this.#C) {
          let o = this.#x[e], h = this.#C[e];
          if (o && h) {
            let a = o - (this.#f.now() - h);
            n.ttl = a, n.start = Date.now();
          }
        }
        return this.#k && (n.size = this.#k[e]), n;
      }
      dump() {
        let t = [];
        for (let e of this.#O({ allowStale: true })) {
          let s = this.#a[e], i = this.#s[e], n = this.#c(i) ? i.__staleWhileFetching : i;
          if (n === void 0 || s === void 0) continue;
          let o = { value: n };
          if (this.#x && this.#C) {
            o.ttl = this.#x[e];
            let h = this.#f.now() - this.#C[e];
            o.start = Math.floor(Date.now() - h);
          }
          this.#k && (o.size = this.#k[e]), t.unshift([s, o]);
        }
        return t;
      }
      load(t) {
        this.clear();
        for (let [e, s] of t) {
          if (s.start) {
            let i = Date.now() - s.start;
            s.start = this.#f.now() - i;
          }
          this.#z(e, s.value, s);
        }
      }
      set(t, e, s = {}) {
        let { status: i = M.hasSubscribers ? {} : void 0 } = s;
        s.status = i, i && (i.op = "set", i.key = t, e !== void 0 && (i.value = e), i.cache = this);
        let n = this.#z(t, e, s);
        return i && M.hasSubscribers && M.publish(i), n;
      }
      #z(t, e, s, i) {
        let { ttl: n = this.ttl, start: o, noDisposeOnSet: h = this.noDisposeOnSet, sizeCalculation: a = this.sizeCalculation, status: l } = s, c = this.#c(e);
        if (e === void 0) return l && (l.set = "deleted"), this.delete(t), this;
        let { noUpdateTTL: f = this.noUpdateTTL } = s;
        l && !c && (l.value = e);
        let u = this.#$(t, e, s.size || 0, a, l);
        if (this.maxEntrySize && u > this.maxEntrySize) return this.#j(t, "set"), l && (l.set = "miss", l.maxEntrySizeExceeded = true), this;
        let p = this.#h === 0 ? void 0 : this.#l.get(t);
        if (p === void 0) p = this.#h === 0 ? this.#g : this.#w.length !== 0 ? this.#w.pop() : this.#h === this.#t ? this.#U(false) : this.#h, this.#a[p] = t, this.#s[p] = e, this.#l.set(t, p), this.#b[this.#g] = p, this.#E[p] = this.#g, this.#g = p, this.#h++, this.#N(p, u, l), l && (l.set = "add"), f = false, this.#T && !c && this.#o?.(e, t, "add");
        else {
          this.#X(p);
          let g = this.#s[p];
          if (e !== g) {
            if (!h) if (this.#c(g)) {
              g !== i && g.__abortController.abort(new Error("replaced"));
              let { __staleWhileFetching: d } = g;
              d !== void 0 && d !== e && (this.#S && this.#i?.(d, t, "set"), this.#e && this.#p?.push([d, t, "set"]));
            } else this.#S && this.#i?.(g, t, "set"), this.#e && this.#p?.push([g, t, "set"]);
            if (this.#P(p), this.#N(p, u, l), this.#s[p] = e, !c) {
              let d = g && this.#c(g) ? g.__staleWhileFetching : g, w = d === void 0 ? "add" : e !== d ? "replace" : "update";
              l && (l.set = w, d !== void 0 && (l.oldValue = d)), this.#T && this.onInsert?.(e, t, w);
            }
          } else c || (l && (l.set = "update"), this.#T && this.onInsert?.(e, t, "update"));
        }
        if (n !== 0 && !this.#x && this.#_(), this.#x && (f || this.#W(p, n, o), l && this.#D(l, p)), !h && this.#e && this.#p) {
          let g = this.#p, d;
          for (; d = g?.shift(); ) this.#r?.(...d);
        }
        return this;
      }
      pop() {
        try {
          for (; this.#h; ) {
            let t = this.#s[this.#y];
            if (this.#U(true), this.#c(t)) {
              if (t.__staleWhileFetching) return t.__staleWhileFetching;
            } else if (t !== void 0) return t;
          }
        } finally {
          if (this.#e && this.#p) {
            let t = this.#p, e;
            for (; e = t?.shift(); ) this.#r?.(...e);
          }
        }
      }
      #U(t) {
        let e = this.#y, s = this.#a[e], i = this.#s[e], n = this.#c(i);
        n && i.__abortController.abort(new Error("evicted"));
        let o = n ? i.__staleWhileFetching : i;
        return (this.#S || this.#e) && o !== void 0 && (this.#S && this.#i?.(o, s, "evict"), this.#e && this.#p?.push([o, s, "evict"])), this.#P(e), this.#v?.[e] && (clearTimeout(this.#v[e]), this.#v[e] = void 0), t && (this.#a[e] = void 0, this.#s[e] = void 0, this.#w.push(e)), this.#h === 1 ? (this.#y = this.#g = 0, this.#w.length = 0) : this.#y = this.#b[e], this.#l.delete(s), this.#h--, e;
      }
      has(t, e = {}) {
        let { status: s = M.hasSubscribers ? {} : void 0 } = e;
        e.status = s, s && (s.op = "has", s.key = t, s.cache = this);
        let i = this.#V(t, e);
        return M.hasSubscribers && M.publish(s), i;
      }
      #V(t, e = {}) {
        let { updateAgeOnHas: s = this.updateAgeOnHas, status: i } = e, n = this.#l.get(t);
        if (n !== void 0) {
          let o = this.#s[n];
          if (this.#c(o) && o.__staleWhileFetching === void 0) return false;
          if (this.#A(n)) i && (i.has = "stale", this.#D(i, n));
          else return s && this.#R(n), i && (i.has = "hit", this.#D(i, n)), true;
        } else i && (i.has = "miss");
        return false;
      }
      peek(t, e = {}) {
        let { status: s = ke() ? {} : void 0 } = e;
        s && (s.op = "peek", s.key = t, s.cache = this), e.status = s;
        let i = this.#H(t, e);
        return M.hasSubscribers && M.publish(s), i;
      }
      #H(t, e) {
        let { status: s, allowStale: i = this.allowStale } = e, n = this.#l.get(t);
        if (n === void 0 || !i && this.#A(n)) {
          s && (s.peek = n === void 0 ? "miss" : "stale");
          return;
        }
        let o = this.#s[n], h = this.#c(o) ? o.__staleWhileFetching : o;
        return s && (h !== void 0 ? (s.peek = "hit", s.value = h) : s.peek = "miss"), h;
      }
      #L(t, e, s, i) {
        let n = e === void 0 ? void 0 : this.#s[e];
        if (this.#c(n)) return n;
        let o = new AbortController(), { signal: h } = s;
        h?.addEventListener("abort", () => o.abort(h.reason), { signal: o.signal });
        let a = { signal: o.signal, options: s, context: i }, l = (d, w = false) => {
          let { aborted: m } = o.signal, b = s.ignoreFetchAbort && d !== void 0, x = s.ignoreFetchAbort || !!(s.allowStaleOnFetchAbort && d !== void 0);
          if (s.status && (m && !w ? (s.status.fetchAborted = true, s.status.fetchError = o.signal.reason, b && (s.status.fetchAbortIgnored = true)) : s.status.fetchResolved = true), m && !b && !w) return f(o.signal.reason, x);
          let S = p, y = this.#s[e];
          return (y === p || y === void 0 && b && w) && (d === void 0 ? S.__staleWhileFetching !== void 0 ? this.#s[e] = S.__staleWhileFetching : this.#j(t, "fetch") : (s.status && (s.status.fetchUpdated = true), this.#z(t, d, a.options, S))), d;
        }, c = (d) => (s.status && (s.status.fetchRejected = true, s.status.fetchError = d), f(d, false)), f = (d, w) => {
          let { aborted: m } = o.signal, b = m && s.allowStaleOnFetchAbort, x = b || s.allowStaleOnFetchRejection, S = x || s.noDeleteOnFetchRejection, y = p;
          if (this.#s[e] === p && (!S || !w && y.__staleWhileFetching === void 0 ? this.#j(t, "fetch") : b || (this.#s[e] = y.__staleWhileFetching)), x) return s.status && y.__staleWhileFetching !== void 0 && (s.status.returnedStale = true), y.__staleWhileFetching;
          if (y.__returned === y) throw d;
        }, u = (d, w) => {
          let m = this.#d?.(t, n, a);
          o.signal.addEventListener("abort", () => {
            (!s.ignoreFetchAbort || s.allowStaleOnFetchAbort) && (d(void 0), s.allowStaleOnFetchAbort && (d = (b) => l(b, true)));
          }), m && m instanceof Promise ? m.then((b) => d(b === void 0 ? void 0 : b), w) : m !== void 0 && d(m);
        };
        s.status && (s.status.fetchDispatched = true);
        let p = new Promise(u).then(l, c), g = Object.assign(p, { __abortController: o, __staleWhileFetching: n, __returned: void 0 });
        return e === void 0 ? (this.#z(t, g, { ...a.options, status: void 0 }), e = this.#l.get(t)) : this.#s[e] = g, g;
      }
      #c(t) {
        if (!this.#M) return false;
        let e = t;
        return !!e && e instanceof Promise && e.hasOwnProperty("__staleWhileFetching") && e.__abortController instanceof AbortController;
      }
      fetch(t, e = {}) {
        let s = wt.hasSubscribers, { status: i = ke() ? {} : void 0 } = e;
        e.status = i, i && e.context && (i.context = e.context);
        let n = this.#q(t, e);
        return i && s && (i.trace = true, wt.tracePromise(() => n, i).catch(() => {
        })), n;
      }
      async #q(t, e = {}) {
        let { allowStale: s = this.allowStale, updateAgeOnGet: i = this.updateAgeOnGet, noDeleteOnStaleGet: n = this.noDeleteOnStaleGet, ttl: o = this.ttl, noDisposeOnSet: h = this.noDisposeOnSet, size: a = 0, sizeCalculation: l = this.sizeCalculation, noUpdateTTL: c = this.noUpdateTTL, noDeleteOnFetchRejection: f = this.noDeleteOnFetchRejection, allowStaleOnFetchRejection: u = this.allowStaleOnFetchRejection, ignoreFetchAbort: p = this.ignoreFetchAbort, allowStaleOnFetchAbort: g = this.allowStaleOnFetchAbort, context: d, forceRefresh: w = false, status: m, signal: b } = e;
        if (m && (m.op = "fetch", m.key = t, w && (m.forceRefresh = true), m.cache = this), !this.#M) return m && (m.fetch = "get"), this.#K(t, { allowStale: s, updateAgeOnGet: i, noDeleteOnStaleGet: n, status: m });
        let x = { allowStale: s, updateAgeOnGet: i, noDeleteOnStaleGet: n, ttl: o, noDisposeOnSet: h, size: a, sizeCalculation: l, noUpdateTTL: c, noDeleteOnFetchRejection: f, allowStaleOnFetchRejection: u, allowStaleOnFetchAbort: g, ignoreFetchAbort: p, status: m, signal: b }, S = this.#l.get(t);
        if (S === void 0) {
          m && (m.fetch = "miss");
          let y = this.#L(t, S, x, d);
          return y.__returned = y;
        } else {
          let y = this.#s[S];
          if (this.#c(y)) {
            let et = s && y.__staleWhileFetching !== void 0;
            return m && (m.fetch = "inflight", et && (m.returnedStale = true)), et ? y.__staleWhileFetching : y.__returned = y;
          }
          let q = this.#A(S);
          if (!w && !q) return m && (m.fetch = "hit"), this.#X(S), i && this.#R(S), m && this.#D(m, S), y;
          let W = this.#L(t, S, x, d), B = W.__staleWhileFetching !== void 0 && s;
          return m && (m.fetch = q ? "stale" : "refresh", B && q && (m.returnedStale = true)), B ? W.__staleWhileFetching : W.__returned = W;
        }
      }
      forceFetch(t, e = {}) {
        let s = wt.hasSubscribers, { status: i = ke() ? {} : void 0 } = e;
        e.status = i, i && e.context && (i.context = e.context);
        let n = this.#B(t, e);
        return i && s && (i.trace = true, wt.tracePromise(() => n, i).catch(() => {
        })), n;
      }
      async #B(t, e = {}) {
        let s = await this.#q(t, e);
        if (s === void 0) throw new Error("fetch() returned undefined");
        return s;
      }
      memo(t, e = {}) {
        let { status: s = M.hasSubscribers ? {} : void 0 } = e;
        e.status = s, s && (s.op = "memo", s.key = t, e.context && (s.context = e.context), s.cache = this);
        let i = this.#Z(t, e);
        return s && (s.value = i), M.hasSubscribers && M.publish(s), i;
      }
      #Z(t, e = {}) {
        let s = this.#u;
        if (!s) throw new Error("no memoMethod provided to constructor");
        let { context: i, status: n, forceRefresh: o, ...h } = e;
        n && o && (n.forceRefresh = true);
        let a = this.#K(t, h), l = o || a === void 0;
        if (n && (n.memo = l ? "miss" : "hit", l || (n.value = a)), !l) return a;
        let c = s(t, a, { options: h, context: i });
        return n && (n.value = c), this.#z(t, c, h), c;
      }
      get(t, e = {}) {
        let { status: s = M.hasSubscribers ? {} : void 0 } = e;
        e.status = s, s && (s.op = "get", s.key = t, s.cache = this);
        let i = this.#K(t, e);
        return s && (i !== void 0 && (s.value = i), M.hasSubscribers && M.publish(s)), i;
      }
      #K(t, e = {}) {
        let { allowStale: s = this.allowStale, updateAgeOnGet: i = this.updateAgeOnGet, noDeleteOnStaleGet: n = this.noDeleteOnStaleGet, status: o } = e, h = this.#l.get(t);
        if (h === void 0) {
          o && (o.get = "miss");
          return;
        }
        let a = this.#s[h], l = this.#c(a);
        return o && this.#D(o, h), this.#A(h) ? l ? (o && (o.get = "stale-fetching"), s && a.__staleWhileFetching !== void 0 ? (o && (o.returnedStale = true), a.__staleWhileFetching) : void 0) : (n || this.#j(t, "expire"), o && (o.get = "stale"), s ? (o && (o.returnedStale = true), a) : void 0) : (o && (o.get = l ? "fetching" : "hit"), this.#X(h), i && this.#R(h), l ? a.__staleWhileFetching : a);
      }
      #Y(t, e) {
        this.#E[e] = t, this.#b[t] = e;
      }
      #X(t) {
        t !== this.#g && (t === this.#y ? this.#y = this.#b[t] : this.#Y(this.#E[t], this.#b[t]), this.#Y(this.#g, t), this.#g = t);
      }
      delete(t) {
        return this.#j(t, "delete");
      }
      #j(t, e) {
        M.hasSubscribers && M.publish({ op: "delete", delete: e, key: t, cache: this });
        let s = false;
        if (this.#h !== 0) {
          let i = this.#l.get(t);
          if (i !== void 0) if (this.#v?.[i] && (clearTimeout(this.#v[i]), this.#v[i] = void 0), s = true, this.#h === 1) this.#J(e);
          else {
            this.#P(i);
            let n = this.#s[i];
            if (this.#c(n) ? n.__abortController.abort(new Error("deleted")) : (this.#S || this.#e) && (this.#S && this.#i?.(n, t, e), this.#e && this.#p?.push([n, t, e])), this.#l.delete(t), this.#a[i] = void 0, this.#s[i] = void 0, i === this.#g) this.#g = this.#E[i];
            else if (i === this.#y) this.#y = this.#b[i];
            else {
              let o = this.#E[i];
              this.#b[o] = this.#b[i];
              let h = this.#b[i];
              this.#E[h] = this.#E[i];
            }
            this.#h--, this.#w.push(i);
          }
        }
        if (this.#e && this.#p?.length) {
          let i = this.#p, n;
          for (; n = i?.shift(); ) this.#r?.(...n);
        }
        return s;
      }
      clear() {
        return this.#J("delete");
      }
      #J(t) {
        for (let e of this.#F({ allowStale: true })) {
          let s = this.#s[e];
          if (this.#c(s)) s.__abortController.abort(new Error("deleted"));
          else {
            let i = this.#a[e];
            this.#S && this.#i?.(s, i, t), this.#e && this.#p?.push([s, i, t]);
          }
        }
        if (this.#l.clear(), this.#s.fill(void 0), this.#a.fill(void 0), this.#x && this.#C) {
          this.#x.fill(0), this.#C.fill(0);
          for (let e of this.#v ?? []) e !== void 0 && clearTimeout(e);
          this.#v?.fill(void 0);
        }
        if (this.#k && this.#k.fill(0), this.#y = 0, this.#g = 0, this.#w.length = 0, this.#m = 0, this.#h = 0, this.#e && this.#p) {
          let e = this.#p, s;
          for (; s = e?.shift(); ) this.#r?.(...s);
        }
      }
    };
    ms = typeof process == "object" && process ? process : { stdout: null, stderr: null };
    Li = (r7) => !!r7 && typeof r7 == "object" && (r7 instanceof J || r7 instanceof ys || ji(r7) || Wi(r7));
    ji = (r7) => !!r7 && typeof r7 == "object" && r7 instanceof Te && typeof r7.pipe == "function" && r7.pipe !== ys.Writable.prototype.pipe;
    Wi = (r7) => !!r7 && typeof r7 == "object" && r7 instanceof Te && typeof r7.write == "function" && typeof r7.end == "function";
    G = /* @__PURE__ */ Symbol("EOF");
    H = /* @__PURE__ */ Symbol("maybeEmitEnd");
    Y = /* @__PURE__ */ Symbol("emittedEnd");
    Wt = /* @__PURE__ */ Symbol("emittingEnd");
    St = /* @__PURE__ */ Symbol("emittedError");
    $t = /* @__PURE__ */ Symbol("closed");
    gs = /* @__PURE__ */ Symbol("read");
    It = /* @__PURE__ */ Symbol("flush");
    ws = /* @__PURE__ */ Symbol("flushChunk");
    z = /* @__PURE__ */ Symbol("encoding");
    nt = /* @__PURE__ */ Symbol("decoder");
    k = /* @__PURE__ */ Symbol("flowing");
    xt = /* @__PURE__ */ Symbol("paused");
    rt = /* @__PURE__ */ Symbol("resume");
    C = /* @__PURE__ */ Symbol("buffer");
    F = /* @__PURE__ */ Symbol("pipes");
    A = /* @__PURE__ */ Symbol("bufferLength");
    Ce = /* @__PURE__ */ Symbol("bufferPush");
    Bt = /* @__PURE__ */ Symbol("bufferShift");
    R = /* @__PURE__ */ Symbol("objectMode");
    E = /* @__PURE__ */ Symbol("destroyed");
    Ae = /* @__PURE__ */ Symbol("error");
    Me = /* @__PURE__ */ Symbol("emitData");
    bs = /* @__PURE__ */ Symbol("emitEnd");
    Re = /* @__PURE__ */ Symbol("emitEnd2");
    $ = /* @__PURE__ */ Symbol("async");
    Oe = /* @__PURE__ */ Symbol("abort");
    Ut = /* @__PURE__ */ Symbol("aborted");
    vt = /* @__PURE__ */ Symbol("signal");
    Q = /* @__PURE__ */ Symbol("dataListeners");
    _ = /* @__PURE__ */ Symbol("discarded");
    Et = (r7) => Promise.resolve().then(r7);
    $i = (r7) => r7();
    Ii = (r7) => r7 === "end" || r7 === "finish" || r7 === "prefinish";
    Bi = (r7) => r7 instanceof ArrayBuffer || !!r7 && typeof r7 == "object" && r7.constructor && r7.constructor.name === "ArrayBuffer" && r7.byteLength >= 0;
    Ui = (r7) => !Buffer.isBuffer(r7) && ArrayBuffer.isView(r7);
    Gt = class {
      src;
      dest;
      opts;
      ondrain;
      constructor(t, e, s) {
        this.src = t, this.dest = e, this.opts = s, this.ondrain = () => t[rt](), this.dest.on("drain", this.ondrain);
      }
      unpipe() {
        this.dest.removeListener("drain", this.ondrain);
      }
      proxyErrors(t) {
      }
      end() {
        this.unpipe(), this.opts.end && this.dest.end();
      }
    };
    Fe = class extends Gt {
      unpipe() {
        this.src.removeListener("error", this.proxyErrors), super.unpipe();
      }
      constructor(t, e, s) {
        super(t, e, s), this.proxyErrors = (i) => this.dest.emit("error", i), t.on("error", this.proxyErrors);
      }
    };
    Gi = (r7) => !!r7.objectMode;
    Hi = (r7) => !r7.objectMode && !!r7.encoding && r7.encoding !== "buffer";
    J = class extends Te {
      [k] = false;
      [xt] = false;
      [F] = [];
      [C] = [];
      [R];
      [z];
      [$];
      [nt];
      [G] = false;
      [Y] = false;
      [Wt] = false;
      [$t] = false;
      [St] = null;
      [A] = 0;
      [E] = false;
      [vt];
      [Ut] = false;
      [Q] = 0;
      [_] = false;
      writable = true;
      readable = true;
      constructor(...t) {
        let e = t[0] || {};
        if (super(), e.objectMode && typeof e.encoding == "string") throw new TypeError("Encoding and objectMode may not be used together");
        Gi(e) ? (this[R] = true, this[z] = null) : Hi(e) ? (this[z] = e.encoding, this[R] = false) : (this[R] = false, this[z] = null), this[$] = !!e.async, this[nt] = this[z] ? new zi(this[z]) : null, e && e.debugExposeBuffer === true && Object.defineProperty(this, "buffer", { get: () => this[C] }), e && e.debugExposePipes === true && Object.defineProperty(this, "pipes", { get: () => this[F] });
        let { signal: s } = e;
        s && (this[vt] = s, s.aborted ? this[Oe]() : s.addEventListener("abort", () => this[Oe]()));
      }
      get bufferLength() {
        return this[A];
      }
      get encoding() {
        return this[z];
      }
      set encoding(t) {
        throw new Error("Encoding must be set at instantiation time");
      }
      setEncoding(t) {
        throw new Error("Encoding must be set at instantiation time");
      }
      get objectMode() {
        return this[R];
      }
      set objectMode(t) {
        throw new Error("objectMode must be set at instantiation time");
      }
      get async() {
        return this[$];
      }
      set async(t) {
        this[$] = this[$] || !!t;
      }
      [Oe]() {
        this[Ut] = true, this.emit("abort", this[vt]?.reason), this.destroy(this[vt]?.reason);
      }
      get aborted() {
        return this[Ut];
      }
      set aborted(t) {
      }
      write(t, e, s) {
        if (this[Ut]) return false;
        if (this[G]) throw new Error("write after end");
        if (this[E]) return this.emit("error", Object.assign(new Error("Cannot call write after a stream was destroyed"), { code: "ERR_STREAM_DESTROYED" })), true;
        typeof e == "function" && (s = e, e = "utf8"), e || (e = "utf8");
        let i = this[$] ? Et : $i;
        if (!this[R] && !Buffer.isBuffer(t)) {
          if (Ui(t)) t = Buffer.from(t.buffer, t.byteOffset, t.byteLength);
          else if (Bi(t)) t = Buffer.from(t);
          else if (typeof t != "string") throw new Error("Non-contiguous data written to non-objectMode stream");
        }
        return this[R] ? (this[k] && this[A] !== 0 && this[It](true), this[k] ? this.emit("data", t) : this[Ce](t), this[A] !== 0 && this.emit("readable"), s && i(s), this[k]) : t.length ? (typeof t == "string" && !(e === this[z] && !this[nt]?.lastNeed) && (t = Buffer.from(t, e)), Buffer.isBuffer(t) && this[z] && (t = this[nt].write(t)), this[k] && this[A] !== 0 && this[It](true), this[k] ? this.emit("data", t) : this[Ce](t), this[A] !== 0 && this.emit("readable"), s && i(s), this[k]) : (this[A] !== 0 && this.emit("readable"), s && i(s), this[k]);
      }
      read(t) {
        if (this[E]) return null;
        if (this[_] = false, this[A] === 0 || t === 0 || t && t > this[A]) return this[H](), null;
        this[R] && (t = null), this[C].length > 1 && !this[R] && (this[C] = [this[z] ? this[C].join("") : Buffer.concat(this[C], this[A])]);
        let e = this[gs](t || null, this[C][0]);
        return this[H](), e;
      }
      [gs](t, e) {
        if (this[R]) this[Bt]();
        else {
          let s = e;
          t === s.length || t === null ? this[Bt]() : typeof s == "string" ? (this[C][0] = s.slice(t), e = s.slice(0, t), this[A] -= t) : (this[C][0] = s.subarray(t), e = s.subarray(0, t), this[A] -= t);
        }
        return this.emit("data", e), !this[C].length && !this[G] && this.emit("drain"), e;
      }
      end(t, e, s) {
        return typeof t == "function" && (s = t, t = void 0), typeof e == "function" && (s = e, e = "utf8"), t !== void 0 && this.write(t, e), s && this.once("end", s), this[G] = true, this.writable = false, (this[k] || !this[xt]) && this[H](), this;
      }
      [rt]() {
        this[E] || (!this[Q] && !this[F].length && (this[_] = true), this[xt] = false, this[k] = true, this.emit("resume"), this[C].length ? this[It]() : this[G] ? this[H]() : this.emit("drain"));
      }
      resume() {
        return this[rt]();
      }
      pause() {
        this[k] = false, this[xt] = true, this[_] = false;
      }
      get destroyed() {
        return this[E];
      }
      get flowing() {
        return this[k];
      }
      get paused() {
        return this[xt];
      }
      [Ce](t) {
        this[R] ? this[A] += 1 : this[A] += t.length, this[C].push(t);
      }
      [Bt]() {
        return this[R] ? this[A] -= 1 : this[A] -= this[C][0].length, this[C].shift();
      }
      [It](t = false) {
        do
          ;
        while (this[ws](this[Bt]()) && this[C].length);
        !t && !this[C].length && !this[G] && this.emit("drain");
      }
      [ws](t) {
        return this.emit("data", t), this[k];
      }
      pipe(t, e) {
        if (this[E]) return t;
        this[_] = false;
        let s = this[Y];
        return e = e || {}, t === ms.stdout || t === ms.stderr ? e.end = false : e.end = e.end !== false, e.proxyErrors = !!e.proxyErrors, s ? e.end && t.end() : (this[F].push(e.proxyErrors ? new Fe(this, t, e) : new Gt(this, t, e)), this[$] ? Et(() => this[rt]()) : this[rt]()), t;
      }
      unpipe(t) {
        let e = this[F].find((s) => s.dest === t);
        e && (this[F].length === 1 ? (this[k] && this[Q] === 0 && (this[k] = false), this[F] = []) : this[F].splice(this[F].indexOf(e), 1), e.unpipe());
      }
      addListener(t, e) {
        return this.on(t, e);
      }
      on(t, e) {
        let s = super.on(t, e);
        if (t === "data") this[_] = false, this[Q]++, !this[F].length && !this[k] && this[rt]();
        else if (t === "readable" && this[A] !== 0) super.emit("readable");
        else if (Ii(t) && this[Y]) super.emit(t), this.removeAllListeners(t);
        else if (t === "error" && this[St]) {
          let i = e;
          this[$] ? Et(() => i.call(this, this[St])) : i.call(this, this[St]);
        }
        return s;
      }
      removeListener(t, e) {
        return this.off(t, e);
      }
      off(t, e) {
        let s = super.off(t, e);
        return t === "data" && (this[Q] = this.listeners("data").length, this[Q] === 0 && !this[_] && !this[F].length && (this[k] = false)), s;
      }
      removeAllListeners(t) {
        let e = super.removeAllListeners(t);
        return (t === "data" || t === void 0) && (this[Q] = 0, !this[_] && !this[F].length && (this[k] = false)), e;
      }
      get emittedEnd() {
        return this[Y];
      }
      [H]() {
        !this[Wt] && !this[Y] && !this[E] && this[C].length === 0 && this[G] && (this[Wt] = true, this.emit("end"), this.emit("prefinish"), this.emit("finish"), this[$t] && this.emit("close"), this[Wt] = false);
      }
      emit(t, ...e) {
        let s = e[0];
        if (t !== "error" && t !== "close" && t !== E && this[E]) return false;
        if (t === "data") return !this[R] && !s ? false : this[$] ? (Et(() => this[Me](s)), true) : this[Me](s);
        if (t === "end") return this[bs]();
        if (t === "close") {
          if (this[$t] = true, !this[Y] && !this[E]) return false;
          let n = super.emit("close");
          return this.removeAllListeners("close"), n;
        } else if (t === "error") {
          this[St] = s, super.emit(Ae, s);
          let n = !this[vt] || this.listeners("error").length ? super.emit("error", s) : false;
          return this[H](), n;
        } else if (t === "resume") {
          let n = super.emit("resume");
          return this[H](), n;
        } else if (t === "finish" || t === "prefinish") {
          let n = super.emit(t);
          return this.removeAllListeners(t), n;
        }
        let i = super.emit(t, ...e);
        return this[H](), i;
      }
      [Me](t) {
        for (let s of this[F]) s.dest.write(t) === false && this.pause();
        let e = this[_] ? false : super.emit("data", t);
        return this[H](), e;
      }
      [bs]() {
        return this[Y] ? false : (this[Y] = true, this.readable = false, this[$] ? (Et(() => this[Re]()), true) : this[Re]());
      }
      [Re]() {
        if (this[nt]) {
          let e = this[nt].end();
          if (e) {
            for (let s of this[F]) s.dest.write(e);
            this[_] || super.emit("data", e);
          }
        }
        for (let e of this[F]) e.end();
        let t = super.emit("end");
        return this.removeAllListeners("end"), t;
      }
      async collect() {
        let t = Object.assign([], { dataLength: 0 });
        this[R] || (t.dataLength = 0);
        let e = this.promise();
        return this.on("data", (s) => {
          t.push(s), this[R] || (t.dataLength += s.length);
        }), await e, t;
      }
      async concat() {
        if (this[R]) throw new Error("cannot concat in objectMode");
        let t = await this.collect();
        return this[z] ? t.join("") : Buffer.concat(t, t.dataLength);
      }
      async promise() {
        return new Promise((t, e) => {
          this.on(E, () => e(new Error("stream destroyed"))), this.on("error", (s) => e(s)), this.on("end", () => t());
        });
      }
      [Symbol.asyncIterator]() {
        this[_] = false;
        let t = false, e = async () => (this.pause(), t = true, { value: void 0, done: true });
        return { next: () => {
          if (t) return e();
          let i = this.read();
          if (i !== null) return Promise.resolve({ done: false, value: i });
          if (this[G]) return e();
          let n, o, h = (f) => {
            this.off("data", a), this.off("end", l), this.off(E, c), e(), o(f);
          }, a = (f) => {
            this.off("error", h), this.off("end", l), this.off(E, c), this.pause(), n({ value: f, done: !!this[G] });
          }, l = () => {
            this.off("error", h), this.off("data", a), this.off(E, c), e(), n({ done: true, value: void 0 });
          }, c = () => h(new Error("stream destroyed"));
          return new Promise((f, u) => {
            o = u, n = f, this.once(E, c), this.once("error", h), this.once("end", l), this.once("data", a);
          });
        }, throw: e, return: e, [Symbol.asyncIterator]() {
          return this;
        }, [Symbol.asyncDispose]: async () => {
        } };
      }
      [Symbol.iterator]() {
        this[_] = false;
        let t = false, e = () => (this.pause(), this.off(Ae, e), this.off(E, e), this.off("end", e), t = true, { done: true, value: void 0 }), s = () => {
          if (t) return e();
          let i = this.read();
          return i === null ? e() : { done: false, value: i };
        };
        return this.once("end", e), this.once(Ae, e), this.once(E, e), { next: s, throw: e, return: e, [Symbol.iterator]() {
          return this;
        }, [Symbol.dispose]: () => {
        } };
      }
      destroy(t) {
        if (this[E]) return t ? this.emit("error", t) : this.emit(E), this;
        this[E] = true, this[_] = true, this[C].length = 0, this[A] = 0;
        let e = this;
        return typeof e.close == "function" && !this[$t] && e.close(), t ? this.emit("error", t) : this.emit(E), this;
      }
      static get isStream() {
        return Li;
      }
    };
    tn = Zi.native;
    Ct = { lstatSync: Xi, readdir: Vi, readdirSync: Yi, readlinkSync: Ji, realpathSync: tn, promises: { lstat: en, readdir: sn, readlink: nn, realpath: rn } };
    Cs = (r7) => !r7 || r7 === Ct || r7 === Qi ? Ct : { ...Ct, ...r7, promises: { ...Ct.promises, ...r7.promises } };
    on = /^\\\\\?\\([a-z]:)\\?$/i;
    hn = /^\\\\\?\\UNC\\([^\\]+\\[^\\]+)\\?$/i;
    an = /^\\\\[^\\?]+\\[^\\]+$/;
    Ss = (r7) => r7.replace(/\//g, "\\").replace(on, "$1\\").replace(hn, "\\\\$1\\").replace(an, "$&\\");
    ln = /^[\\/]{2}\?[\\/]unc[\\/][^\\/]+[\\/][^\\/]+(?:[\\/]|$)/i;
    cn = /^[\\/]{2}\?[\\/](?=[a-z]:)/i;
    fn = /^[\\/]{2}\?[\\/]unc(?=[\\/][^\\/]+[\\/][^\\/])/i;
    un = /[\\/]/;
    P = 0;
    As = 1;
    Ms = 2;
    I = 4;
    Rs = 6;
    Os = 8;
    tt = 10;
    Fs = 12;
    N = 15;
    kt = ~N;
    _e = 16;
    xs = 32;
    At = 64;
    L = 128;
    Ht = 256;
    Kt = 512;
    vs = At | L | Kt;
    dn = 1023;
    De = (r7) => r7.isFile() ? Os : r7.isDirectory() ? I : r7.isSymbolicLink() ? tt : r7.isCharacterDevice() ? Ms : r7.isBlockDevice() ? Rs : r7.isSocket() ? Fs : r7.isFIFO() ? As : P;
    Es = new yt({ max: 2 ** 12 });
    Mt = (r7) => {
      let t = Es.get(r7);
      if (t) return t;
      let e = r7.normalize("NFKD");
      return Es.set(r7, e), e;
    };
    ks = new yt({ max: 2 ** 12 });
    qt = (r7) => {
      let t = ks.get(r7);
      if (t) return t;
      let e = Mt(r7.toLowerCase());
      return ks.set(r7, e), e;
    };
    Xt = class extends yt {
      constructor() {
        super({ max: 256 });
      }
    };
    Pe = class extends yt {
      constructor(t = 16 * 1024) {
        super({ maxSize: t, sizeCalculation: (e) => e.length + 1 });
      }
    };
    Ts = /* @__PURE__ */ Symbol("PathScurry setAsCwd");
    O = class {
      name;
      root;
      roots;
      parent;
      nocase;
      isCWD = false;
      #t;
      #n;
      get dev() {
        return this.#n;
      }
      #i;
      get mode() {
        return this.#i;
      }
      #o;
      get nlink() {
        return this.#o;
      }
      #r;
      get uid() {
        return this.#r;
      }
      #d;
      get gid() {
        return this.#d;
      }
      #u;
      get rdev() {
        return this.#u;
      }
      #f;
      get blksize() {
        return this.#f;
      }
      #h;
      get ino() {
        return this.#h;
      }
      #m;
      get size() {
        return this.#m;
      }
      #l;
      get blocks() {
        return this.#l;
      }
      #a;
      get atimeMs() {
        return this.#a;
      }
      #s;
      get mtimeMs() {
        return this.#s;
      }
      #b;
      get ctimeMs() {
        return this.#b;
      }
      #E;
      get birthtimeMs() {
        return this.#E;
      }
      #y;
      get atime() {
        return this.#y;
      }
      #g;
      get mtime() {
        return this.#g;
      }
      #w;
      get ctime() {
        return this.#w;
      }
      #p;
      get birthtime() {
        return this.#p;
      }
      #k;
      #C;
      #x;
      #v;
      #S;
      #M;
      #e;
      #T;
      #_;
      #R;
      get parentPath() {
        return (this.parent || this).fullpath();
      }
      get path() {
        return this.parentPath;
      }
      constructor(t, e = P, s, i, n, o, h) {
        this.name = t, this.#k = n ? qt(t) : Mt(t), this.#e = e & dn, this.nocase = n, this.roots = i, this.root = s || this, this.#T = o, this.#x = h.fullpath, this.#S = h.relative, this.#M = h.relativePosix, this.parent = h.parent, this.parent ? this.#t = this.parent.#t : this.#t = Cs(h.fs);
      }
      get fs() {
        return this.#t;
      }
      depth() {
        return this.#C !== void 0 ? this.#C : this.parent ? this.#C = this.parent.depth() + 1 : this.#C = 0;
      }
      childrenCache() {
        return this.#T;
      }
      resolve(t) {
        if (!t) return this;
        let e = this.getRootString(t), i = t.substring(e.length).split(this.splitSep);
        return e ? this.getRoot(e).#D(i) : this.#D(i);
      }
      #D(t) {
        let e = this;
        for (let s of t) e = e.child(s);
        return e;
      }
      children() {
        let t = this.#T.get(this);
        if (t) return t;
        let e = Object.assign([], { provisional: 0 });
        return this.#T.set(this, e), this.#e &= ~_e, e;
      }
      child(t, e) {
        if (t === "" || t === ".") return this;
        if (t === "..") return this.parent || this;
        let s = this.children(), i = this.nocase ? qt(t) : Mt(t);
        for (let a of s) if (a.#k === i) return a;
        let n = this.parent ? this.sep : "", o = this.#x ? this.#x + n + t : void 0, h = this.newChild(t, P, { ...e, parent: this, fullpath: o });
        return this.canReaddir() || (h.#e |= L), s.push(h), h;
      }
      relative() {
        if (this.isCWD) return "";
        if (this.#S !== void 0) return this.#S;
        let t = this.name, e = this.parent;
        if (!e) return this.#S = this.name;
        let s = e.relative();
        return s + (!s || !e.parent ? "" : this.sep) + t;
      }
      relativePosix() {
        if (this.sep === "/") return this.relative();
        if (this.isCWD) return "";
        if (this.#M !== void 0) return this.#M;
        let t = this.name, e = this.parent;
        if (!e) return this.#M = this.fullpathPosix();
        let s = e.relativePosix();
        return s + (!s || !e.parent ? "" : "/") + t;
      }
      fullpath() {
        if (this.#x !== void 0) return this.#x;
        let t = this.name, e = this.parent;
        if (!e) return this.#x = this.name;
        let i = e.fullpath() + (e.parent ? this.sep : "") + t;
        return this.#x = i;
      }
      fullpathPosix() {
        if (this.#v !== void 0) return this.#v;
        if (this.sep === "/") return this.#v = this.fullpath();
        if (!this.parent) {
          let i = this.fullpath().replace(/\\/g, "/");
          return /^[a-z]:\//i.test(i) ? this.#v = `//?/${i}` : this.#v = i;
        }
        let t = this.parent, e = t.fullpathPosix(), s = e + (!e || !t.parent ? "" : "/") + this.name;
        return this.#v = s;
      }
      isUnknown() {
        return (this.#e & N) === P;
      }
      isType(t) {
        return this[`is${t}`]();
      }
      getType() {
        return this.isUnknown() ? "Unknown" : this.isDirectory() ? "Directory" : this.isFile() ? "File" : this.isSymbolicLink() ? "SymbolicLink" : this.isFIFO() ? "FIFO" : this.isCharacterDevice() ? "CharacterDevice" : this.isBlockDevice() ? "BlockDevice" : this.isSocket() ? "Socket" : "Unknown";
      }
      isFile() {
        return (this.#e & N) === Os;
      }
      isDirectory() {
        return (this.#e & N) === I;
      }
      isCharacterDevice() {
        return (this.#e & N) === Ms;
      }
      isBlockDevice() {
        return (this.#e & N) === Rs;
      }
      isFIFO() {
        return (this.#e & N) === As;
      }
      isSocket() {
        return (this.#e & N) === Fs;
      }
      isSymbolicLink() {
        return (this.#e & tt) === tt;
      }
      lstatCached() {
        return this.#e & xs ? this : void 0;
      }
      readlinkCached() {
        return this.#_;
      }
      realpathCached() {
        return this.#R;
      }
      readdirCached() {
        let t = this.children();
        return t.slice(0, t.provisional);
      }
      canReadlink() {
        if (this.#_) return true;
        if (!this.parent) return false;
        let t = this.#e & N;
        return !(t !== P && t !== tt || this.#e & Ht || this.#e & L);
      }
      calledReaddir() {
        return !!(this.#e & _e);
      }
      isENOENT() {
        return !!(this.#e & L);
      }
      isNamed(t) {
        return this.nocase ? this.#k === qt(t) : this.#k === Mt(t);
      }
      async readlink() {
        let t = this.#_;
        if (t) return t;
        if (this.canReadlink() && this.parent) try {
          let e = await this.#t.promises.readlink(this.fullpath()), s = (await this.parent.realpath())?.resolve(e);
          if (s) return this.#_ = s;
        } catch (e) {
          this.#F(e.code);
          return;
        }
      }
      readlinkSync() {
        let t = this.#_;
        if (t) return t;
        if (this.canReadlink() && this.parent) try {
          let e = this.#t.readlinkSync(this.fullpath()), s = this.parent.realpathSync()?.resolve(e);
          if (s) return this.#_ = s;
        } catch (e) {
          this.#F(e.code);
          return;
        }
      }
      #W(t) {
        this.#e |= _e;
        for (let e = t.provisional; e < t.length; e++) {
          let s = t[e];
          s && s.#A();
        }
      }
      #A() {
        this.#e & L || (this.#e = (this.#e | L) & kt, this.#G());
      }
      #G() {
        let t = this.children();
        t.provisional = 0;
        for (let e of t) e.#A();
      }
      #P() {
        this.#e |= Kt, this.#N();
      }
      #N() {
        if (this.#e & At) return;
        let t = this.#e;
        (t & N) === I && (t &= kt), this.#e = t | At, this.#G();
      }
      #$(t = "") {
        t === "ENOTDIR" || t === "EPERM" ? this.#N() : t === "ENOENT" ? this.#A() : this.children().provisional = 0;
      }
      #O(t = "") {
        t === "ENOTDIR" ? this.parent.#N() : t === "ENOENT" && this.#A();
      }
      #F(t = "") {
        let e = this.#e;
        e |= Ht, t === "ENOENT" && (e |= L), (t === "EINVAL" || t === "UNKNOWN") && (e &= kt), this.#e = e, t === "ENOTDIR" && this.parent && this.parent.#N();
      }
      #I(t, e) {
        return this.#U(t, e) || this.#z(t, e);
      }
      #z(t, e) {
        let s = De(t), i = this.newChild(t.name, s, { parent: this }), n = i.#e & N;
        return n !== I && n !== tt && n !== P && (i.#e |= At), e.unshift(i), e.provisional++, i;
      }
      #U(t, e) {
        for (let s = e.provisional; s < e.length; s++) {
          let i = e[s];
          if ((this.nocase ? qt(t.name) : Mt(t.name)) === i.#k) return this.#V(t, i, s, e);
        }
      }
      #V(t, e, s, i) {
        let n = e.name;
        return e.#e = e.#e & kt | De(t), n !== t.name && (e.name = t.name), s !== i.provisional && (s === i.length - 1 ? i.pop() : i.splice(s, 1), i.unshift(e)), i.provisional++, e;
      }
      async lstat() {
        if ((this.#e & L) === 0) try {
          return this.#H(await this.#t.promises.lstat(this.fullpath())), this;
        } catch (t) {
          this.#O(t.code);
        }
      }
      lstatSync() {
        if ((this.#e & L) === 0) try {
          return this.#H(this.#t.lstatSync(this.fullpath())), this;
        } catch (t) {
          this.#O(t.code);
        }
      }
      #H(t) {
        let { atime: e, atimeMs: s, birthtime: i, birthtimeMs: n, blksize: o, blocks: h, ctime: a, ctimeMs: l, dev: c, gid: f, ino: u, mode: p, mtime: g, mtimeMs: d, nlink: w, rdev: m, size: b, uid: x } = t;
        this.#y = e, this.#a = s, this.#p = i, this.#E = n, this.#f = o, this.#l = h, this.#w = a, this.#b = l, this.#n = c, this.#d = f, this.#h = u, this.#i = p, this.#g = g, this.#s = d, this.#o = w, this.#u = m, this.#m = b, this.#r = x;
        let S = De(t);
        this.#e = this.#e & kt | S | xs, S !== P && S !== I && S !== tt && (this.#e |= At);
      }
      #L = [];
      #c = false;
      #q(t) {
        this.#c = false;
        let e = this.#L.slice();
        this.#L.length = 0, e.forEach((s) => s(null, t));
      }
      readdirCB(t, e = false) {
        if (!this.canReaddir()) {
          e ? t(null, []) : queueMicrotask(() => t(null, []));
          return;
        }
        let s = this.children();
        if (this.calledReaddir()) {
          let n = s.slice(0, s.provisional);
          e ? t(null, n) : queueMicrotask(() => t(null, n));
          return;
        }
        if (this.#L.push(t), this.#c) return;
        this.#c = true;
        let i = this.fullpath();
        this.#t.readdir(i, { withFileTypes: true }, (n, o) => {
          if (n) this.#$(n.code), s.provisional = 0;
          else {
            for (let h of o) this.#I(h, s);
            this.#W(s);
          }
          this.#q(s.slice(0, s.provisional));
        });
      }
      #B;
      async readdir() {
        if (!this.canReaddir()) return [];
        let t = this.children();
        if (this.calledReaddir()) return t.slice(0, t.provisional);
        let e = this.fullpath();
        if (this.#B) await this.#B;
        else {
          let s = () => {
          };
          this.#B = new Promise((i) => s = i);
          try {
            for (let i of await this.#t.promises.readdir(e, { withFileTypes: true })) this.#I(i, t);
            this.#W(t);
          } catch (i) {
            this.#$(i.code), t.provisional = 0;
          }
          this.#B = void 0, s();
        }
        return t.slice(0, t.provisional);
      }
      readdirSync() {
        if (!this.canReaddir()) return [];
        let t = this.children();
        if (this.calledReaddir()) return t.slice(0, t.provisional);
        let e = this.fullpath();
        try {
          for (let s of this.#t.readdirSync(e, { withFileTypes: true })) this.#I(s, t);
          this.#W(t);
        } catch (s) {
          this.#$(s.code), t.provisional = 0;
        }
        return t.slice(0, t.provisional);
      }
      canReaddir() {
        if (this.#e & vs) return false;
        let t = N & this.#e;
        return t === P || t === I || t === tt;
      }
      shouldWalk(t, e) {
        return (this.#e & I) === I && !(this.#e & vs) && !t.has(this) && (!e || e(this));
      }
      async realpath() {
        if (this.#R) return this.#R;
        if (!((Kt | Ht | L) & this.#e)) try {
          let t = await this.#t.promises.realpath(this.fullpath());
          return this.#R = this.resolve(t);
        } catch {
          this.#P();
        }
      }
      realpathSync() {
        if (this.#R) return this.#R;
        if (!((Kt | Ht | L) & this.#e)) try {
          let t = this.#t.realpathSync(this.fullpath());
          return this.#R = this.resolve(t);
        } catch {
          this.#P();
        }
      }
      [Ts](t) {
        if (t === this) return;
        t.isCWD = false, this.isCWD = true;
        let e = /* @__PURE__ */ new Set([]), s = [], i = this;
        for (; i && i.parent; ) e.add(i), i.#S = s.join(this.sep), i.#M = s.join("/"), i = i.parent, s.push("..");
        for (i = t; i && i.parent && !e.has(i); ) i.#S = void 0, i.#M = void 0, i = i.parent;
      }
    };
    Vt = class r extends O {
      sep = "\\";
      splitSep = un;
      constructor(t, e = P, s, i, n, o, h) {
        super(t, e, s, i, n, o, h);
      }
      newChild(t, e = P, s = {}) {
        return new r(t, e, this.root, this.roots, this.nocase, this.childrenCache(), s);
      }
      getRootString(t) {
        return ln.exec(t)?.[0] ?? Ne.parse(t).root;
      }
      getRoot(t) {
        if (t = Ss(t.toUpperCase()), t === this.root.name || /^[\\/]$/.test(t)) return this.root;
        for (let [e, s] of Object.entries(this.roots)) if (this.sameRoot(t, e)) return this.roots[t] = s;
        return this.roots[t] = new ot(t, { nocase: this.nocase, fs: this.fs }).root;
      }
      sameRoot(t, e = this.root.name) {
        return Ss(t.toUpperCase()) === e;
      }
    };
    Yt = class r2 extends O {
      splitSep = "/";
      sep = "/";
      constructor(t, e = P, s, i, n, o, h) {
        super(t, e, s, i, n, o, h);
      }
      getRootString(t) {
        return t.startsWith("/") ? "/" : "";
      }
      getRoot(t) {
        return this.root;
      }
      newChild(t, e = P, s = {}) {
        return new r2(t, e, this.root, this.roots, this.nocase, this.childrenCache(), s);
      }
    };
    Jt = class {
      root;
      rootPath;
      roots;
      cwd;
      #t;
      #n;
      #i;
      nocase;
      #o;
      constructor(t = process.cwd(), e, s, { nocase: i, childrenCacheSize: n = 16 * 1024, fs: o = Ct } = {}) {
        this.#o = Cs(o), (t instanceof URL || t.startsWith("file://")) && (t = Ki(t));
        let h = e.resolve(t);
        this.roots = /* @__PURE__ */ Object.create(null), this.rootPath = this.parseRootPath(h), this.#t = new Xt(), this.#n = new Xt(), this.#i = new Pe(n);
        let a = h.substring(this.rootPath.length).split(s);
        if (a.length === 1 && !a[0] && a.pop(), i === void 0) throw new TypeError("must provide nocase setting to PathScurryBase ctor");
        this.nocase = i, this.root = this.newRoot(this.#o), this.roots[this.rootPath] = this.root;
        let l = this.root, c = a.length - 1, f = e.sep, u = this.rootPath, p = false;
        for (let g of a) {
          let d = c--;
          l = l.child(g, { relative: new Array(d).fill("..").join(f), relativePosix: new Array(d).fill("..").join("/"), fullpath: u += (p ? "" : f) + g }), p = true;
        }
        this.cwd = l;
      }
      depth(t = this.cwd) {
        return typeof t == "string" && (t = this.cwd.resolve(t)), t.depth();
      }
      childrenCache() {
        return this.#i;
      }
      resolve(...t) {
        let e = "";
        for (let n = t.length - 1; n >= 0; n--) {
          let o = t[n];
          if (!(!o || o === ".") && (e = e ? `${o}/${e}` : o, this.isAbsolute(o))) break;
        }
        let s = this.#t.get(e);
        if (s !== void 0) return s;
        let i = this.cwd.resolve(e).fullpath();
        return this.#t.set(e, i), i;
      }
      resolvePosix(...t) {
        let e = "";
        for (let n = t.length - 1; n >= 0; n--) {
          let o = t[n];
          if (!(!o || o === ".") && (e = e ? `${o}/${e}` : o, this.isAbsolute(o))) break;
        }
        let s = this.#n.get(e);
        if (s !== void 0) return s;
        let i = this.cwd.resolve(e).fullpathPosix();
        return this.#n.set(e, i), i;
      }
      relative(t = this.cwd) {
        return typeof t == "string" && (t = this.cwd.resolve(t)), t.relative();
      }
      relativePosix(t = this.cwd) {
        return typeof t == "string" && (t = this.cwd.resolve(t)), t.relativePosix();
      }
      basename(t = this.cwd) {
        return typeof t == "string" && (t = this.cwd.resolve(t)), t.name;
      }
      dirname(t = this.cwd) {
        return typeof t == "string" && (t = this.cwd.resolve(t)), (t.parent || t).fullpath();
      }
      async readdir(t = this.cwd, e = { withFileTypes: true }) {
        typeof t == "string" ? t = this.cwd.resolve(t) : t instanceof O || (e = t, t = this.cwd);
        let { withFileTypes: s } = e;
        if (t.canReaddir()) {
          let i = await t.readdir();
          return s ? i : i.map((n) => n.name);
        } else return [];
      }
      readdirSync(t = this.cwd, e = { withFileTypes: true }) {
        typeof t == "string" ? t = this.cwd.resolve(t) : t instanceof O || (e = t, t = this.cwd);
        let { withFileTypes: s = true } = e;
        return t.canReaddir() ? s ? t.readdirSync() : t.readdirSync().map((i) => i.name) : [];
      }
      async lstat(t = this.cwd) {
        return typeof t == "string" && (t = this.cwd.resolve(t)), t.lstat();
      }
      lstatSync(t = this.cwd) {
        return typeof t == "string" && (t = this.cwd.resolve(t)), t.lstatSync();
      }
      async readlink(t = this.cwd, { withFileTypes: e } = { withFileTypes: false }) {
        typeof t == "string" ? t = this.cwd.resolve(t) : t instanceof O || (e = t.withFileTypes, t = this.cwd);
        let s = await t.readlink();
        return e ? s : s?.fullpath();
      }
      readlinkSync(t = this.cwd, { withFileTypes: e } = { withFileTypes: false }) {
        typeof t == "string" ? t = this.cwd.resolve(t) : t instanceof O || (e = t.withFileTypes, t = this.cwd);
        let s = t.readlinkSync();
        return e ? s : s?.fullpath();
      }
      async realpath(t = this.cwd, { withFileTypes: e } = { withFileTypes: false }) {
        typeof t == "string" ? t = this.cwd.resolve(t) : t instanceof O || (e = t.withFileTypes, t = this.cwd);
        let s = await t.realpath();
        return e ? s : s?.fullpath();
      }
      realpathSync(t = this.cwd, { withFileTypes: e } = { withFileTypes: false }) {
        typeof t == "string" ? t = this.cwd.resolve(t) : t instanceof O || (e = t.withFileTypes, t = this.cwd);
        let s = t.realpathSync();
        return e ? s : s?.fullpath();
      }
      async walk(t = this.cwd, e = {}) {
        typeof t == "string" ? t = this.cwd.resolve(t) : t instanceof O || (e = t, t = this.cwd);
        let { withFileTypes: s = true, follow: i = false, filter: n, walkFilter: o } = e, h = [];
        (!n || n(t)) && h.push(s ? t : t.fullpath());
        let a = /* @__PURE__ */ new Set(), l = (f, u) => {
          a.add(f), f.readdirCB((p, g) => {
            if (p) return u(p);
            let d = g.length;
            if (!d) return u();
            let w = () => {
              --d === 0 && u();
            };
            for (let m of g) (!n || n(m)) && h.push(s ? m : m.fullpath()), i && m.isSymbolicLink() ? m.realpath().then((b) => b?.isUnknown() ? b.lstat() : b).then((b) => b?.shouldWalk(a, o) ? l(b, w) : w()) : m.shouldWalk(a, o) ? l(m, w) : w();
          }, true);
        }, c = t;
        return new Promise((f, u) => {
          l(c, (p) => {
            if (p) return u(p);
            f(h);
          });
        });
      }
      walkSync(t = this.cwd, e = {}) {
        typeof t == "string" ? t = this.cwd.resolve(t) : t instanceof O || (e = t, t = this.cwd);
        let { withFileTypes: s = true, follow: i = false, filter: n, walkFilter: o } = e, h = [];
        (!n || n(t)) && h.push(s ? t : t.fullpath());
        let a = /* @__PURE__ */ new Set([t]);
        for (let l of a) {
          let c = l.readdirSync();
          for (let f of c) {
            (!n || n(f)) && h.push(s ? f : f.fullpath());
            let u = f;
            if (f.isSymbolicLink()) {
              if (!(i && (u = f.realpathSync()))) continue;
              u.isUnknown() && u.lstatSync();
            }
            u.shouldWalk(a, o) && a.add(u);
          }
        }
        return h;
      }
      [Symbol.asyncIterator]() {
        return this.iterate();
      }
      iterate(t = this.cwd, e = {}) {
        return typeof t == "string" ? t = this.cwd.resolve(t) : t instanceof O || (e = t, t = this.cwd), this.stream(t, e)[Symbol.asyncIterator]();
      }
      [Symbol.iterator]() {
        return this.iterateSync();
      }
      *iterateSync(t = this.cwd, e = {}) {
        typeof t == "string" ? t = this.cwd.resolve(t) : t instanceof O || (e = t, t = this.cwd);
        let { withFileTypes: s = true, follow: i = false, filter: n, walkFilter: o } = e;
        (!n || n(t)) && (yield s ? t : t.fullpath());
        let h = /* @__PURE__ */ new Set([t]);
        for (let a of h) {
          let l = a.readdirSync();
          for (let c of l) {
            (!n || n(c)) && (yield s ? c : c.fullpath());
            let f = c;
            if (c.isSymbolicLink()) {
              if (!(i && (f = c.realpathSync()))) continue;
              f.isUnknown() && f.lstatSync();
            }
            f.shouldWalk(h, o) && h.add(f);
          }
        }
      }
      stream(t = this.cwd, e = {}) {
        typeof t == "string" ? t = this.cwd.resolve(t) : t instanceof O || (e = t, t = this.cwd);
        let { withFileTypes: s = true, follow: i = false, filter: n, walkFilter: o } = e, h = new J({ objectMode: true });
        (!n || n(t)) && h.write(s ? t : t.fullpath());
        let a = /* @__PURE__ */ new Set(), l = [t], c = 0, f = () => {
          let u = false;
          for (; !u; ) {
            let p = l.shift();
            if (!p) {
              c === 0 && h.end();
              return;
            }
            c++, a.add(p);
            let g = (w, m, b = false) => {
              if (w) return h.emit("error", w);
              if (i && !b) {
                let x = [];
                for (let S of m) S.isSymbolicLink() && x.push(S.realpath().then((y) => y?.isUnknown() ? y.lstat() : y));
                if (x.length) {
                  Promise.all(x).then(() => g(null, m, true));
                  return;
                }
              }
              for (let x of m) x && (!n || n(x)) && (h.write(s ? x : x.fullpath()) || (u = true));
              c--;
              for (let x of m) {
                let S = x.realpathCached() || x;
                S.shouldWalk(a, o) && l.push(S);
              }
              u && !h.flowing ? h.once("drain", f) : d || f();
            }, d = true;
            p.readdirCB(g, true), d = false;
          }
        };
        return f(), h;
      }
      streamSync(t = this.cwd, e = {}) {
        typeof t == "string" ? t = this.cwd.resolve(t) : t instanceof O || (e = t, t = this.cwd);
        let { withFileTypes: s = true, follow: i = false, filter: n, walkFilter: o } = e, h = new J({ objectMode: true }), a = /* @__PURE__ */ new Set();
        (!n || n(t)) && h.write(s ? t : t.fullpath());
        let l = [t], c = 0, f = () => {
          let u = false;
          for (; !u; ) {
            let p = l.shift();
            if (!p) {
              c === 0 && h.end();
              return;
            }
            c++, a.add(p);
            let g = p.readdirSync();
            for (let d of g) (!n || n(d)) && (h.write(s ? d : d.fullpath()) || (u = true));
            c--;
            for (let d of g) {
              let w = d;
              if (d.isSymbolicLink()) {
                if (!(i && (w = d.realpathSync()))) continue;
                w.isUnknown() && w.lstatSync();
              }
              w.shouldWalk(a, o) && l.push(w);
            }
          }
          u && !h.flowing && h.once("drain", f);
        };
        return f(), h;
      }
      chdir(t = this.cwd) {
        let e = this.cwd;
        this.cwd = typeof t == "string" ? this.cwd.resolve(t) : t, this.cwd[Ts](e);
      }
    };
    ot = class extends Jt {
      sep = "\\";
      constructor(t = process.cwd(), e = {}) {
        let { nocase: s = true } = e;
        typeof t == "string" && !t.startsWith("file://") && (t = t.replace(cn, "").replace(fn, "\\")), super(t, Ne, "\\", { ...e, nocase: s }), this.nocase = s;
        for (let i = this.cwd; i; i = i.parent) i.nocase = this.nocase;
      }
      parseRootPath(t) {
        return Ne.parse(t).root.toUpperCase();
      }
      newRoot(t) {
        return new Vt(this.rootPath, I, void 0, this.roots, this.nocase, this.childrenCache(), { fs: t });
      }
      isAbsolute(t) {
        return t.startsWith("/") || t.startsWith("\\") || /^[a-z]:(\/|\\)/i.test(t);
      }
    };
    ht = class extends Jt {
      sep = "/";
      constructor(t = process.cwd(), e = {}) {
        let { nocase: s = false } = e;
        super(t, qi, "/", { ...e, nocase: s }), this.nocase = s;
      }
      parseRootPath(t) {
        return "/";
      }
      newRoot(t) {
        return new Yt(this.rootPath, I, void 0, this.roots, this.nocase, this.childrenCache(), { fs: t });
      }
      isAbsolute(t) {
        return t.startsWith("/");
      }
    };
    Rt = class extends ht {
      constructor(t = process.cwd(), e = {}) {
        let { nocase: s = true } = e;
        super(t, { ...e, nocase: s });
      }
    };
    rr = process.platform === "win32" ? Vt : Yt;
    _s = process.platform === "win32" ? ot : process.platform === "darwin" ? Rt : ht;
    pn = (r7) => r7.length >= 1;
    mn = (r7) => r7.length >= 1;
    gn = /* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom");
    at = class r3 {
      #t;
      #n;
      #i;
      length;
      #o;
      #r;
      #d;
      #u;
      #f;
      #h;
      #m = true;
      constructor(t, e, s, i) {
        if (!pn(t)) throw new TypeError("empty pattern list");
        if (!mn(e)) throw new TypeError("empty glob list");
        if (e.length !== t.length) throw new TypeError("mismatched pattern list and glob list lengths");
        if (this.length = t.length, s < 0 || s >= this.length) throw new TypeError("index out of range");
        if (this.#t = t, this.#n = e, this.#i = s, this.#o = i, this.#i === 0) {
          if (this.isUNC()) {
            let n = this.#l() ? 6 : 4, o = this.#t.slice(0, n), h = this.#n.slice(0, n), a = this.#t.slice(n), l = this.#n.slice(n);
            a[0] === "" && (a.shift(), l.shift());
            let c = [...o, ""].join("/"), f = [...h, ""].join("/");
            this.#t = [c, ...a], this.#n = [f, ...l], this.length = this.#t.length;
          } else if (this.isDrive() || this.isAbsolute()) {
            let [n, ...o] = this.#t, [h, ...a] = this.#n;
            o[0] === "" && (o.shift(), a.shift());
            let l = `${n}/`, c = `${h}/`;
            this.#t = [l, ...o], this.#n = [c, ...a], this.length = this.#t.length;
          }
        }
      }
      [gn]() {
        return `Pattern <${this.#n.slice(this.#i).join("/")}>`;
      }
      pattern() {
        return this.#t[this.#i];
      }
      isString() {
        return typeof this.#t[this.#i] == "string";
      }
      isGlobstar() {
        return this.#t[this.#i] === v;
      }
      isMatcher() {
        return typeof this.#t[this.#i] == "object";
      }
      globString() {
        return this.#d = this.#d || (this.#i === 0 ? this.isAbsolute() ? this.#n[0] + this.#n.slice(1).join("/") : this.#n.join("/") : this.#n.slice(this.#i).join("/"));
      }
      hasMore() {
        return this.length > this.#i + 1;
      }
      rest() {
        return this.#r !== void 0 ? this.#r : this.hasMore() ? (this.#r = new r3(this.#t, this.#n, this.#i + 1, this.#o), this.#r.#h = this.#h, this.#r.#f = this.#f, this.#r.#u = this.#u, this.#r) : this.#r = null;
      }
      #l() {
        let t = this.#t;
        return t[2] === "?" && typeof t[3] == "string" && /^unc$/i.test(t[3]);
      }
      isUNC() {
        let t = this.#t, e = this.#l() ? 4 : 2;
        return this.#f !== void 0 ? this.#f : this.#f = this.#o === "win32" && this.#i === 0 && t[0] === "" && t[1] === "" && typeof t[e] == "string" && !!t[e] && typeof t[e + 1] == "string" && !!t[e + 1];
      }
      isDrive() {
        let t = this.#t;
        return this.#u !== void 0 ? this.#u : this.#u = this.#o === "win32" && this.#i === 0 && this.length > 1 && typeof t[0] == "string" && /^[a-z]:$/i.test(t[0]);
      }
      isAbsolute() {
        let t = this.#t;
        return this.#h !== void 0 ? this.#h : this.#h = t[0] === "" && t.length > 1 || this.isDrive() || this.isUNC();
      }
      root() {
        let t = this.#t[0];
        return typeof t == "string" && this.isAbsolute() && this.#i === 0 ? t : "";
      }
      checkFollowGlobstar() {
        return !(this.#i === 0 || !this.isGlobstar() || !this.#m);
      }
      markFollowGlobstar() {
        return this.#i === 0 || !this.isGlobstar() || !this.#m ? false : (this.#m = false, true);
      }
    };
    wn = typeof process == "object" && process && typeof process.platform == "string" ? process.platform : "linux";
    lt = class {
      relative;
      relativeChildren;
      absolute;
      absoluteChildren;
      platform;
      mmopts;
      slashRoot;
      constructor(t, { nobrace: e, nocase: s, noext: i, noglobstar: n, normalize: o, platform: h = wn, root: a, windowsPathsNoEscape: l, allowWindowsEscape: c, braceExpandMax: f = 1e4 }, u) {
        this.relative = [], this.absolute = [], this.relativeChildren = [], this.absoluteChildren = [], this.platform = h, l = !!l || c === false, this.mmopts = { braceExpandMax: f, dot: true, nobrace: e, nocase: s, noext: i, noglobstar: n, normalize: o, optimizationLevel: 2, platform: h, nocomment: true, nonegate: true, windowsPathsNoEscape: l };
        let p = u?.resolve(a ?? "/").fullpath() ?? "/";
        this.slashRoot = K(p.replace(/\\/g, "/").replace(/\/$/, ""), { magicalBraces: true, windowsPathsNoEscape: l });
        for (let g of t) this.add(g);
      }
      add(t) {
        let e = new D(t, this.mmopts);
        for (let s = 0; s < e.set.length; s++) {
          let i = e.set[s], n = e.globParts[s];
          if (!i || !n) throw new Error("invalid pattern object");
          for (; i[0] === "." && n[0] === "."; ) i.shift(), n.shift();
          let o = new at(i, n, 0, this.platform), h = o.root() === "/" ? `${this.slashRoot}/${o.rest()?.globString() ?? ""}` : o.globString(), a = new D(h, this.mmopts), l = n[n.length - 1] === "**", c = o.isAbsolute();
          c ? this.absolute.push(a) : this.relative.push(a), l && (c ? this.absoluteChildren.push(a) : this.relativeChildren.push(a));
        }
      }
      ignored(t) {
        let e = t.fullpath(), s = `${e}/`, i = t.relative() || ".", n = `${i}/`;
        for (let o of this.relative) if (o.match(i) || o.match(n)) return true;
        for (let o of this.absolute) if (o.match(e) || o.match(s)) return true;
        return false;
      }
      childrenIgnored(t) {
        let e = `${t.fullpath()}/`, s = `${t.relative() || "."}/`;
        for (let i of this.relativeChildren) if (i.match(s)) return true;
        for (let i of this.absoluteChildren) if (i.match(e)) return true;
        return false;
      }
    };
    ze = class r4 {
      parent;
      store;
      constructor(t) {
        this.parent = t;
      }
      copy() {
        return new r4(this);
      }
      #t(t) {
        let e = this.store?.get(t);
        return e || !this.parent ? e : this.parent.#t(t);
      }
      hasWalked(t, e) {
        return !!this.#t(t.fullpath())?.has(e.globString());
      }
      storeWalked(t, e) {
        let s = t.fullpath(), i = this.#t(s);
        i ? i.add(e.globString()) : (this.store ??= /* @__PURE__ */ new Map()).set(s, /* @__PURE__ */ new Set([e.globString()]));
      }
    };
    Ot = class r5 {
      static ABSOLUTE = 2;
      static IF_DIR = 1;
      store = /* @__PURE__ */ new Map();
      add(t, e, s) {
        let i = (e ? r5.ABSOLUTE : 0) | (s ? r5.IF_DIR : 0), n = this.store.get(t);
        this.store.set(t, n === void 0 ? i : i & n);
      }
    };
    Le = class {
      store = /* @__PURE__ */ new Map();
      add(t, e) {
        if (!t.canReaddir()) return;
        let s = this.store.get(t);
        s ? s.find((i) => i.globString() === e.globString()) || s.push(e) : this.store.set(t, [e]);
      }
      get(t) {
        let e = this.store.get(t);
        if (!e) throw new Error("attempting to walk unknown path");
        return e;
      }
      entries() {
        return this.keys().map((t) => [t, this.store.get(t)]);
      }
      keys() {
        return [...this.store.keys()].filter((t) => t.canReaddir());
      }
    };
    Ft = class r6 {
      hasWalkedCache;
      matches = new Ot();
      subwalks = new Le();
      patterns;
      follow;
      dot;
      opts;
      constructor(t, e) {
        this.opts = t, this.follow = !!t.follow, this.dot = !!t.dot, this.hasWalkedCache = e ? e.copy() : new ze();
      }
      processPatterns(t, e) {
        this.patterns = e;
        let s = e.map((i) => [t, i]);
        for (let [i, n] of s) {
          this.hasWalkedCache.storeWalked(i, n);
          let o = n.root(), h = n.isAbsolute() && this.opts.absolute !== false;
          if (o) {
            i = i.resolve(o === "/" && this.opts.root !== void 0 ? this.opts.root : o);
            let f = n.rest();
            if (f) n = f;
            else {
              this.matches.add(i, true, false);
              continue;
            }
          }
          if (i.isENOENT()) continue;
          let a, l, c = false;
          for (; typeof (a = n.pattern()) == "string" && (l = n.rest()); ) i = i.resolve(a), n = l, c = true;
          if (a = n.pattern(), l = n.rest(), c) {
            if (this.hasWalkedCache.hasWalked(i, n)) continue;
            this.hasWalkedCache.storeWalked(i, n);
          }
          if (typeof a == "string") {
            let f = a === ".." || a === "" || a === ".";
            this.matches.add(i.resolve(a), h, f);
            continue;
          } else if (a === v) {
            (!i.isSymbolicLink() || this.follow || n.checkFollowGlobstar()) && this.subwalks.add(i, n);
            let f = l?.pattern(), u = l?.rest();
            if (!l || (f === "" || f === ".") && !u) this.matches.add(i, h, f === "" || f === ".");
            else if (f === "..") {
              let p = i.parent || i;
              u ? this.hasWalkedCache.hasWalked(p, u) || this.subwalks.add(p, u) : this.matches.add(p, h, true);
            }
          } else typeof a == "object" && this.subwalks.add(i, n);
        }
        return this;
      }
      subwalkTargets() {
        return this.subwalks.keys();
      }
      child() {
        return new r6(this.opts, this.hasWalkedCache);
      }
      filterEntries(t, e) {
        let s = this.subwalks.get(t), i = this.child();
        for (let n of e) for (let o of s) {
          let h = o.isAbsolute(), a = o.pattern(), l = o.rest();
          a === v ? i.testGlobstar(n, o, l, h) : typeof a == "object" ? i.testMatcher(n, a, l, h) : i.testString(n, a, l, h);
        }
        return i;
      }
      testGlobstar(t, e, s, i) {
        if ((this.dot || !t.name.startsWith(".")) && (e.hasMore() || this.matches.add(t, i, false), t.canReaddir() && (this.follow || !t.isSymbolicLink() ? this.subwalks.add(t, e) : t.isSymbolicLink() && (s && e.checkFollowGlobstar() ? this.subwalks.add(t, s) : e.markFollowGlobstar() && this.subwalks.add(t, e)))), s) {
          let n = s.pattern();
          if (typeof n == "string" && n !== ".." && n !== "" && n !== ".") this.testString(t, n, s.rest(), i);
          else if (n === "..") {
            let o = t.parent || t;
            this.subwalks.add(o, s);
          } else typeof n == "object" && this.testMatcher(t, n, s.rest(), i);
        }
      }
      testMatcher(t, e, s, i) {
        e.testUnchecked(t.name) && (s ? this.subwalks.add(t, s) : this.matches.add(t, i, false));
      }
      testString(t, e, s, i) {
        t.isNamed(e) && (s ? this.subwalks.add(t, s) : this.matches.add(t, i, false));
      }
    };
    ({ ABSOLUTE: Zt, IF_DIR: Qt } = Ot);
    bn = (r7, t, e) => typeof r7 == "string" ? new lt([r7], t, e) : Array.isArray(r7) ? new lt(r7, t, e) : r7;
    te = class {
      path;
      patterns;
      opts;
      seen = /* @__PURE__ */ new Set();
      paused = false;
      aborted = false;
      #t = [];
      #n;
      #i;
      signal;
      maxDepth;
      includeChildMatches;
      constructor(t, e, s) {
        if (this.patterns = t, this.path = e, this.opts = s, this.#i = !s.posix && s.platform === "win32" ? "\\" : "/", this.includeChildMatches = s.includeChildMatches !== false, (s.ignore || !this.includeChildMatches) && (this.#n = bn(s.ignore ?? [], s, e), !this.includeChildMatches && typeof this.#n.add != "function")) {
          let i = "cannot ignore child matches, ignore lacks add() method.";
          throw new Error(i);
        }
        this.maxDepth = s.maxDepth || 1 / 0, s.signal && (this.signal = s.signal, this.signal.addEventListener("abort", () => {
          this.#t.length = 0;
        }));
      }
      #o(t) {
        return this.seen.has(t) || !!this.#n?.ignored?.(t);
      }
      #r(t) {
        return !!this.#n?.childrenIgnored?.(t);
      }
      pause() {
        this.paused = true;
      }
      resume() {
        if (this.signal?.aborted) return;
        this.paused = false;
        let t;
        for (; !this.paused && (t = this.#t.shift()); ) t();
      }
      onResume(t) {
        this.paused ? this.#t.push(t) : t();
      }
      async matchCheck(t, e) {
        if (e && this.opts.nodir) return;
        let s, i;
        if (this.opts.realpath) {
          if (s = t.realpathCached() || await t.realpath(), !s) return;
          i = s;
        } else i = t;
        let o = i.isUnknown() || this.opts.stat ? await i.lstat() : i;
        if (this.opts.follow && this.opts.nodir && o?.isSymbolicLink()) {
          let h = await o.realpath();
          h && (h.isUnknown() || this.opts.stat) && await h.lstat();
        }
        return this.matchCheckTest(o, e);
      }
      matchCheckTest(t, e) {
        return t && (this.maxDepth === 1 / 0 || t.depth() <= this.maxDepth) && (!e || t.canReaddir()) && (!this.opts.nodir || !t.isDirectory()) && (!this.opts.nodir || !this.opts.follow || !t.isSymbolicLink() || !t.realpathCached()?.isDirectory()) && !this.#o(t) ? t : void 0;
      }
      matchCheckSync(t, e) {
        if (e && this.opts.nodir) return;
        let s, i;
        if (this.opts.realpath) {
          if (s = t.realpathCached() || t.realpathSync(), !s) return;
          i = s;
        } else i = t;
        let o = i.isUnknown() || this.opts.stat ? i.lstatSync() : i;
        if (this.opts.follow && this.opts.nodir && o?.isSymbolicLink()) {
          let h = o.realpathSync();
          h && (h?.isUnknown() || this.opts.stat) && h.lstatSync();
        }
        return this.matchCheckTest(o, e);
      }
      matchFinish(t, e) {
        this.#o(t) || this.#d(t, e);
      }
      #d(t, e) {
        if (!this.includeChildMatches && this.#n?.add) {
          let n = `${t.relativePosix()}/**`;
          this.#n.add(n);
        }
        let s = this.opts.absolute === void 0 ? e : this.opts.absolute;
        this.seen.add(t);
        let i = this.opts.mark && t.isDirectory() ? this.#i : "";
        if (this.opts.withFileTypes) this.matchEmit(t);
        else if (s) {
          let n = this.opts.posix ? t.fullpathPosix() : t.fullpath();
          this.matchEmit(n + i);
        } else {
          let n = this.opts.posix ? t.relativePosix() : t.relative(), o = this.opts.dotRelative && !n.startsWith(`..${this.#i}`) ? `.${this.#i}` : "";
          this.matchEmit(n ? o + n + i : `.${i}`);
        }
      }
      async match(t, e, s) {
        let i = await this.matchCheck(t, s);
        i && this.matchFinish(i, e);
      }
      matchSync(t, e, s) {
        let i = this.matchCheckSync(t, s);
        i && this.#d(i, e);
      }
      walkCB(t, e, s) {
        if (this.signal?.aborted) return s();
        this.walkCB2(t, e, new Ft(this.opts), s);
      }
      walkCB2(t, e, s, i) {
        if (this.#r(t) || this.signal?.aborted) return i();
        if (this.paused) {
          this.onResume(() => this.walkCB2(t, e, s, i));
          return;
        }
        s.processPatterns(t, e);
        let n = 1, o = () => {
          --n === 0 && i();
        };
        for (let [h, a] of s.matches.store) this.#o(h) || (n++, this.match(h, !!(a & Zt), !!(a & Qt)).then(() => o()));
        for (let h of s.subwalkTargets()) {
          if (this.maxDepth !== 1 / 0 && h.depth() >= this.maxDepth) continue;
          n++;
          let a = h.readdirCached();
          h.calledReaddir() ? this.walkCB3(h, a, s, o) : h.readdirCB((l, c) => this.walkCB3(h, c, s, o), true);
        }
        o();
      }
      walkCB3(t, e, s, i) {
        let n = s.filterEntries(t, e), o = 1, h = () => {
          --o === 0 && i();
        };
        for (let [a, l] of n.matches.store) this.#o(a) || (o++, this.match(a, !!(l & Zt), !!(l & Qt)).then(() => h()));
        for (let [a, l] of n.subwalks.entries()) o++, this.walkCB2(a, l, n.child(), h);
        h();
      }
      walkCBSync(t, e, s) {
        if (this.signal?.aborted) return s();
        this.walkCB2Sync(t, e, new Ft(this.opts), s);
      }
      walkCB2Sync(t, e, s, i) {
        if (this.#r(t) || this.signal?.aborted) return i();
        if (this.paused) {
          this.onResume(() => this.walkCB2Sync(t, e, s, i));
          return;
        }
        s.processPatterns(t, e);
        let n = 1, o = () => {
          --n === 0 && i();
        };
        for (let [h, a] of s.matches.store) this.#o(h) || this.matchSync(h, !!(a & Zt), !!(a & Qt));
        for (let h of s.subwalkTargets()) {
          if (this.maxDepth !== 1 / 0 && h.depth() >= this.maxDepth) continue;
          n++;
          let a = h.readdirSync();
          this.walkCB3Sync(h, a, s, o);
        }
        o();
      }
      walkCB3Sync(t, e, s, i) {
        let n = s.filterEntries(t, e), o = 1, h = () => {
          --o === 0 && i();
        };
        for (let [a, l] of n.matches.store) this.#o(a) || this.matchSync(a, !!(l & Zt), !!(l & Qt));
        for (let [a, l] of n.subwalks.entries()) o++, this.walkCB2Sync(a, l, n.child(), h);
        h();
      }
    };
    Tt = class extends te {
      matches = [];
      constructor(t, e, s) {
        super(t, e, s);
      }
      matchEmit(t) {
        this.matches.push(t);
      }
      async walk() {
        if (this.signal?.aborted) throw this.signal.reason;
        return this.path.isUnknown() && await this.path.lstat(), await new Promise((t, e) => {
          this.walkCB(this.path, this.patterns, () => {
            this.signal?.aborted ? e(this.signal.reason) : t(this.matches);
          });
        }), this.matches;
      }
      walkSync() {
        if (this.signal?.aborted) throw this.signal.reason;
        return this.path.isUnknown() && this.path.lstatSync(), this.walkCBSync(this.path, this.patterns, () => {
          if (this.signal?.aborted) throw this.signal.reason;
        }), this.matches;
      }
    };
    _t = class extends te {
      results;
      constructor(t, e, s) {
        super(t, e, s), this.results = new J({ signal: this.signal, objectMode: true }), this.results.on("drain", () => this.resume()), this.results.on("resume", () => this.resume());
      }
      matchEmit(t) {
        this.results.write(t), this.results.flowing || this.pause();
      }
      stream() {
        let t = this.path;
        return t.isUnknown() ? t.lstat().then(() => {
          this.walkCB(t, this.patterns, () => this.results.end());
        }) : this.walkCB(t, this.patterns, () => this.results.end()), this.results;
      }
      streamSync() {
        return this.path.isUnknown() && this.path.lstatSync(), this.walkCBSync(this.path, this.patterns, () => this.results.end()), this.results;
      }
    };
    Sn = typeof process == "object" && process && typeof process.platform == "string" ? process.platform : "linux";
    j = class {
      absolute;
      cwd;
      root;
      dot;
      dotRelative;
      follow;
      ignore;
      magicalBraces;
      mark;
      matchBase;
      maxDepth;
      nobrace;
      nocase;
      nodir;
      noext;
      noglobstar;
      pattern;
      platform;
      realpath;
      scurry;
      stat;
      signal;
      windowsPathsNoEscape;
      withFileTypes;
      includeChildMatches;
      opts;
      patterns;
      constructor(t, e) {
        if (!e) throw new TypeError("glob options required");
        if (this.withFileTypes = !!e.withFileTypes, this.signal = e.signal, this.follow = !!e.follow, this.dot = !!e.dot, this.dotRelative = !!e.dotRelative, this.nodir = !!e.nodir, this.mark = !!e.mark, e.cwd ? (e.cwd instanceof URL || e.cwd.startsWith("file://")) && (e.cwd = yn(e.cwd)) : this.cwd = "", this.cwd = e.cwd || "", this.root = e.root, this.magicalBraces = !!e.magicalBraces, this.nobrace = !!e.nobrace, this.noext = !!e.noext, this.realpath = !!e.realpath, this.absolute = e.absolute, this.includeChildMatches = e.includeChildMatches !== false, this.noglobstar = !!e.noglobstar, this.matchBase = !!e.matchBase, this.maxDepth = typeof e.maxDepth == "number" ? e.maxDepth : 1 / 0, this.stat = !!e.stat, this.ignore = e.ignore, this.withFileTypes && this.absolute !== void 0) throw new Error("cannot set absolute and withFileTypes:true");
        let s = typeof t == "string" ? [t] : t;
        if (this.windowsPathsNoEscape = !!e.windowsPathsNoEscape || e.allowWindowsEscape === false, this.windowsPathsNoEscape && (s = s.map((l) => l.replace(/\\/g, "/"))), this.matchBase) {
          if (e.noglobstar) throw new TypeError("base matching requires globstar");
          s = s.map((l) => l.includes("/") ? l : `./**/${l}`);
        }
        if (this.pattern = s, this.platform = e.platform || Sn, this.opts = { ...e, platform: this.platform }, e.scurry) {
          if (this.scurry = e.scurry, e.nocase !== void 0 && e.nocase !== e.scurry.nocase) throw new Error("nocase option contradicts provided scurry option");
        } else {
          let l = e.platform === "win32" ? ot : e.platform === "darwin" ? Rt : e.platform ? ht : _s;
          this.scurry = new l(this.cwd, { nocase: e.nocase, fs: e.fs });
        }
        this.nocase = this.scurry.nocase;
        let i = this.platform === "darwin" || this.platform === "win32", n = { braceExpandMax: 1e4, ...e, dot: this.dot, matchBase: this.matchBase, nobrace: this.nobrace, nocase: this.nocase, nocaseMagicOnly: i, nocomment: true, noext: this.noext, nonegate: true, optimizationLevel: 2, platform: this.platform, windowsPathsNoEscape: this.windowsPathsNoEscape }, o = this.pattern.map((l) => new D(l, n)), [h, a] = o.reduce((l, c) => (l[0].push(...c.set), l[1].push(...c.globParts), l), [[], []]);
        this.patterns = h.map((l, c) => {
          let f = a[c];
          if (!f) throw new Error("invalid pattern object");
          return new at(l, f, 0, this.platform);
        });
      }
      async walk() {
        return await new Tt(this.patterns, this.scurry.cwd, { ...this.opts, maxDepth: this.maxDepth !== 1 / 0 ? this.maxDepth + this.scurry.cwd.depth() : 1 / 0, platform: this.platform, nocase: this.nocase, includeChildMatches: this.includeChildMatches }).walk();
      }
      walkSync() {
        return new Tt(this.patterns, this.scurry.cwd, { ...this.opts, maxDepth: this.maxDepth !== 1 / 0 ? this.maxDepth + this.scurry.cwd.depth() : 1 / 0, platform: this.platform, nocase: this.nocase, includeChildMatches: this.includeChildMatches }).walkSync();
      }
      stream() {
        return new _t(this.patterns, this.scurry.cwd, { ...this.opts, maxDepth: this.maxDepth !== 1 / 0 ? this.maxDepth + this.scurry.cwd.depth() : 1 / 0, platform: this.platform, nocase: this.nocase, includeChildMatches: this.includeChildMatches }).stream();
      }
      streamSync() {
        return new _t(this.patterns, this.scurry.cwd, { ...this.opts, maxDepth: this.maxDepth !== 1 / 0 ? this.maxDepth + this.scurry.cwd.depth() : 1 / 0, platform: this.platform, nocase: this.nocase, includeChildMatches: this.includeChildMatches }).streamSync();
      }
      iterateSync() {
        return this.streamSync()[Symbol.iterator]();
      }
      [Symbol.iterator]() {
        return this.iterateSync();
      }
      iterate() {
        return this.stream()[Symbol.asyncIterator]();
      }
      [Symbol.asyncIterator]() {
        return this.iterate();
      }
    };
    je = (r7, t = {}) => {
      for (let e of Array.isArray(r7) ? r7 : [r7]) if (new D(e, t).hasMagic()) return true;
      return false;
    };
    xn = ee;
    vn = Object.assign(Ps, { sync: ee });
    En = se;
    kn = Object.assign(Ls, { sync: se });
    Cn = Object.assign(zs, { stream: ee, iterate: se });
    Ns = Object.assign(Ds, { glob: Ds, globSync: zs, sync: Cn, globStream: Ps, stream: vn, globStreamSync: ee, streamSync: xn, globIterate: Ls, iterate: kn, globIterateSync: se, iterateSync: En, Glob: j, hasMagic: je, escape: K, unescape: st });
    Ns.glob = Ns;
  }
});

// src/action.ts
import { mkdirSync, writeFileSync } from "node:fs";
import path10 from "node:path";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key3 in this.properties) {
        if (this.properties.hasOwnProperty(key3)) {
          const val = this.properties[key3];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key3}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key3, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key3.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key3}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P2, generator) {
  function adopt(value) {
    return value instanceof P2 ? value : new P2(function(resolve) {
      resolve(value);
    });
  }
  return new (P2 || (P2 = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a2) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key3, value]) => ` ${key3}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}

// src/errors.ts
var UsageError = class extends Error {
  name = "UsageError";
};
var ConfigError = class extends Error {
  name = "ConfigError";
};

// src/exit.ts
var EXIT_OK = 0;
var EXIT_FINDINGS = 1;
var EXIT_ERROR = 2;
function exitCodeOf(results, policy = {}) {
  if (results.internalError || results.summary.filesFailed > 0) return EXIT_ERROR;
  const { errors, warnings, infos } = results.summary;
  const failOn = policy.failOn ?? "error";
  if (failOn !== "never") {
    if (errors > 0) return EXIT_FINDINGS;
    if ((failOn === "warning" || failOn === "info") && warnings > 0) return EXIT_FINDINGS;
    if (failOn === "info" && infos > 0) return EXIT_FINDINGS;
  }
  const max = policy.maxWarnings ?? -1;
  if (max >= 0 && warnings > max) return EXIT_FINDINGS;
  return EXIT_OK;
}

// src/version.ts
import { readFileSync } from "node:fs";
function readVersion() {
  for (const relative of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8"));
      if (pkg.name === "kube-lint" && typeof pkg.version === "string") return pkg.version;
    } catch {
    }
  }
  return "0.0.0";
}
var VERSION = readVersion();
var TOOL_NAME = "kube-lint";
var INFORMATION_URI = "https://github.com/kube-lint/kube-lint";

// src/format/text.ts
var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
var LOG_COMMAND = /##\[/g;
function escape2(c) {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
function printable(text) {
  return text.replace(/\r?\n|\t/g, " ").replace(CONTROL, escape2).replace(LOG_COMMAND, "#\\u0023[");
}
function printableLineStart(text) {
  const safe = printable(text);
  return /^\s*::/.test(safe) ? `./${safe}` : safe;
}
function inertJson(json2) {
  return json2.replace(CONTROL, escape2).replace(LOG_COMMAND, "##\\u005b");
}
function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

// src/format/stylish.ts
var CODES = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4, green: 32 };
function painter(color) {
  return color ? (style, text) => `\x1B[${CODES[style]}m${text}\x1B[0m` : (_style, text) => text;
}
var SEVERITY_STYLE = { error: "red", warning: "yellow", info: "blue" };
function summaryLine(results) {
  const s = results.summary;
  const problems = s.errors + s.warnings + s.infos;
  const parts = [plural(s.errors, "error"), plural(s.warnings, "warning")];
  if (s.infos > 0) parts.push(plural(s.infos, "info", "infos"));
  const scope = [`${plural(s.objects, "object")} in ${plural(s.filesLinted, "file")} linted`];
  if ((s.unparsedDocuments ?? 0) > 0) scope.push(`${plural(s.unparsedDocuments ?? 0, "document")} not parsed`);
  if (s.skippedDocuments > 0) scope.push(`${plural(s.skippedDocuments, "non-Kubernetes document")} skipped`);
  if (s.filesSkipped > 0) scope.push(`${plural(s.filesSkipped, "file")} skipped`);
  if (s.filesFailed > 0) scope.push(`${plural(s.filesFailed, "file")} FAILED`);
  if (s.suppressed > 0) scope.push(`${s.suppressed} suppressed`);
  return `${plural(problems, "problem")} (${parts.join(", ")}); ${scope.join(", ")}`;
}
function formatStylish(results, options = {}) {
  const paint = painter(options.color ?? false);
  const lines = [];
  for (const file2 of results.files) {
    if (file2.findings.length === 0 && file2.status === "linted") continue;
    lines.push(paint("underline", printableLineStart(file2.filePath)));
    if (file2.status !== "linted") {
      lines.push(`  ${paint(file2.status === "failed" ? "red" : "yellow", file2.status)}  ${printable(file2.reason ?? "")}`);
    }
    const rows = file2.findings.map((f) => ({
      position: `${f.line}:${f.column}`,
      severity: f.severity,
      message: printable(f.message),
      ruleId: f.ruleId
    }));
    const posWidth = Math.max(0, ...rows.map((r7) => r7.position.length));
    const sevWidth = Math.max(0, ...rows.map((r7) => r7.severity.length));
    for (const row of rows) {
      lines.push(
        `  ${paint("gray", row.position.padEnd(posWidth))}  ${paint(SEVERITY_STYLE[row.severity], row.severity.padEnd(sevWidth))}  ${row.message}  ${paint("gray", row.ruleId)}`
      );
    }
    lines.push("");
  }
  const fileNotices = new Set(results.files.filter((f) => f.status !== "linted").map((f) => f.filePath));
  for (const notice2 of results.notices) {
    if (notice2.filePath !== void 0 && fileNotices.has(notice2.filePath)) continue;
    const where = notice2.filePath !== void 0 ? `${printable(notice2.filePath)}: ` : "";
    lines.push(
      `${paint(notice2.level === "error" ? "red" : notice2.level === "warning" ? "yellow" : "blue", notice2.level)}: ${where}${printable(notice2.message)}`
    );
  }
  if (results.notices.some((n) => n.filePath === void 0 || !fileNotices.has(n.filePath))) lines.push("");
  const s = results.summary;
  const bad = s.errors > 0 || s.filesFailed > 0 || results.internalError;
  const mark = bad ? paint("red", "✖") : s.warnings > 0 ? paint("yellow", "⚠") : paint("green", "✔");
  lines.push(`${mark} ${paint("bold", summaryLine(results))}`);
  return `${lines.join("\n")}
`;
}
function formatCompact(results) {
  const lines = [];
  for (const file2 of results.files) {
    if (file2.status !== "linted") lines.push(`${printableLineStart(file2.filePath)}: ${file2.status}: ${printable(file2.reason ?? "")}`);
    for (const f of file2.findings) {
      lines.push(`${printableLineStart(f.filePath)}:${f.line}:${f.column}: ${f.severity}: ${printable(f.message)} [${f.ruleId}]`);
    }
  }
  lines.push(summaryLine(results));
  return `${lines.join("\n")}
`;
}

// src/format/github.ts
var ANNOTATION_COMMAND = { error: "error", warning: "warning", info: "notice" };
function escapeData2(value) {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty2(value) {
  return escapeData2(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function annotationOf(finding) {
  const properties = {
    title: finding.ruleId,
    file: finding.filePath,
    startLine: finding.line,
    endLine: finding.endLine
  };
  if (finding.endLine === finding.line) {
    properties.startColumn = finding.column;
    properties.endColumn = finding.endColumn;
  }
  return properties;
}
function workflowCommand(command, properties, message) {
  const pairs2 = [
    ["file", properties.file],
    ["line", properties.startLine],
    ["col", properties.startColumn],
    ["endLine", properties.endLine],
    ["endColumn", properties.endColumn],
    ["title", properties.title]
  ];
  const props = pairs2.filter((pair) => pair[1] !== void 0 && pair[1] !== "" && pair[1] !== 0).map(([key3, value]) => `${key3}=${escapeProperty2(String(value))}`).join(",");
  return `::${command}${props === "" ? "" : ` ${props}`}::${escapeData2(message)}`;
}
function formatGithub(results) {
  const lines = [];
  for (const file2 of results.files) {
    if (file2.status !== "linted") {
      const command = file2.status === "failed" ? "error" : "warning";
      lines.push(workflowCommand(command, { file: file2.filePath, title: TOOL_NAME }, `${file2.status}: ${file2.reason ?? ""}`));
    }
    for (const finding of file2.findings) {
      lines.push(workflowCommand(ANNOTATION_COMMAND[finding.severity], annotationOf(finding), finding.message));
    }
  }
  const reported = new Set(results.files.map((f) => f.filePath));
  for (const notice2 of results.notices) {
    if (notice2.filePath !== void 0 && reported.has(notice2.filePath)) continue;
    const command = notice2.level === "info" ? "notice" : notice2.level;
    const properties = { title: TOOL_NAME };
    if (notice2.filePath !== void 0) properties.file = notice2.filePath;
    lines.push(workflowCommand(command, properties, notice2.message));
  }
  lines.push(summaryLine(results));
  return `${lines.join("\n")}
`;
}

// src/format/json.ts
var JSON_FORMAT_VERSION = 1;
function formatJson(results) {
  const report = {
    formatVersion: JSON_FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    kubernetesVersion: results.kubernetesVersion,
    summary: results.summary,
    files: results.files.map((file2) => ({
      filePath: file2.filePath,
      status: file2.status,
      ...file2.reason !== void 0 ? { reason: file2.reason } : {},
      objectCount: file2.objectCount,
      skippedDocuments: file2.skippedDocuments,
      unparsedDocuments: file2.unparsedDocuments ?? 0,
      errorCount: file2.errorCount,
      warningCount: file2.warningCount,
      infoCount: file2.infoCount,
      findings: file2.findings
    })),
    notices: results.notices
  };
  return `${inertJson(JSON.stringify(report, null, 2))}
`;
}

// src/format/junit.ts
var INTERNAL_ERROR = "internal-error";
var FILE_TESTCASE = "(file)";
var FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function visible(text) {
  return text.replace(FORBIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function xmlText(text) {
  return visible(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}
function xmlAttr(text) {
  return xmlText(text).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}
function outcomeOf(testcase) {
  if (testcase.problems.some((p) => p.element === "error")) return "error";
  if (testcase.problems.some((p) => p.element === "failure")) return "failure";
  if (testcase.problems.some((p) => p.element === "skipped")) return "skipped";
  return "passed";
}
function objectName(finding) {
  const o = finding.object;
  if (!o) return void 0;
  const name = o.name ?? "(unnamed)";
  return `${o.kind ?? "object"} ${o.namespace !== void 0 ? `${o.namespace}/` : ""}${name}`;
}
function problemOf(finding) {
  const body = [
    `${finding.filePath}:${finding.line}:${finding.column}: ${finding.severity}: ${finding.message} [${finding.ruleId}]`,
    ...finding.path !== "" ? [`path: ${finding.path}`] : [],
    ...finding.remediation !== void 0 ? [`how to fix: ${finding.remediation}`] : [],
    ...finding.docsUrl !== void 0 ? [`docs: ${finding.docsUrl}`] : []
  ].join("\n");
  return {
    element: finding.ruleId === INTERNAL_ERROR ? "error" : "failure",
    type: finding.ruleId,
    message: finding.message,
    body
  };
}
function testcasesOf(file2) {
  const fileCase = { name: FILE_TESTCASE, problems: [] };
  if (file2.status === "failed") {
    fileCase.problems.push({ element: "error", type: "file-failed", message: file2.reason ?? "the file could not be linted" });
  } else if (file2.status === "skipped") {
    fileCase.problems.push({ element: "skipped", message: file2.reason ?? "skipped" });
  }
  const byObject = /* @__PURE__ */ new Map();
  for (const finding of file2.findings) {
    const name = objectName(finding);
    if (name === void 0) {
      fileCase.problems.push(problemOf(finding));
      continue;
    }
    let testcase = byObject.get(name);
    if (!testcase) {
      testcase = { name, problems: [] };
      byObject.set(name, testcase);
    }
    testcase.problems.push(problemOf(finding));
  }
  return [fileCase, ...byObject.values()];
}
function count(testcases, outcome) {
  return testcases.filter((t) => outcomeOf(t) === outcome).length;
}
function counts(testcases) {
  return `tests="${testcases.length}" failures="${count(testcases, "failure")}" errors="${count(testcases, "error")}" skipped="${count(testcases, "skipped")}"`;
}
function renderProblem(problem) {
  const type2 = problem.type !== void 0 ? ` type="${xmlAttr(problem.type)}"` : "";
  const open = `<${problem.element} message="${xmlAttr(problem.message)}"${type2}`;
  return problem.body !== void 0 ? `${open}>${xmlText(problem.body)}</${problem.element}>` : `${open}/>`;
}
function noticeSuite(results) {
  const reported = new Set(results.files.map((f) => f.filePath));
  const testcases = results.notices.filter((n) => n.filePath === void 0 || !reported.has(n.filePath)).map((notice2) => ({
    name: notice2.filePath ?? "(run)",
    problems: [{ element: notice2.level === "error" ? "error" : "skipped", type: notice2.level, message: notice2.message }]
  }));
  return testcases.length > 0 ? { name: TOOL_NAME, testcases } : void 0;
}
function formatJunit(results) {
  const suites = results.files.map((file2) => ({ name: file2.filePath, testcases: testcasesOf(file2) }));
  const notices = noticeSuite(results);
  if (notices) suites.push(notices);
  const all = suites.flatMap((s) => s.testcases);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${TOOL_NAME}" ${counts(all)} time="0">`];
  for (const suite of suites) {
    const name = xmlAttr(suite.name);
    lines.push(`  <testsuite name="${name}" ${counts(suite.testcases)} time="0">`);
    for (const testcase of suite.testcases) {
      const open = `    <testcase name="${xmlAttr(testcase.name)}" classname="${name}" time="0"`;
      if (testcase.problems.length === 0) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      for (const problem of testcase.problems) lines.push(`      ${renderProblem(problem)}`);
      lines.push("    </testcase>");
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}
`;
}

// src/format/sarif.ts
import { createHash } from "node:crypto";
import path4 from "node:path";
import { pathToFileURL } from "node:url";

// src/engine/rule.ts
import { createRequire } from "node:module";
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
var require2 = createRequire(import.meta.url);
var ajv;
function optionsValidator(id, schema2) {
  if (!schema2) return void 0;
  ajv ??= new (require2("ajv")).Ajv({ allErrors: true, strict: true, useDefaults: false, validateSchema: false });
  try {
    return ajv.compile({ type: "object", additionalProperties: false, ...schema2 });
  } catch (error2) {
    throw new Error(`rule ${id}: options schema does not compile: ${error2.message}`, { cause: error2 });
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

// src/load/objects.ts
function isRecord(value) {
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
  const metadata = isRecord(value.metadata) ? value.metadata : {};
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
  if (!isRecord(value) || value.apiVersion === void 0 && value.kind === void 0) {
    result.skipped = true;
    return result;
  }
  if (isListKind(value)) {
    value.items.forEach((item, i) => {
      const itemPath = ["items", i];
      if (!isRecord(item)) {
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
  const name = isRecord(metadata) ? metadata.name ?? metadata.generateName : void 0;
  if (hasKind && (name === void 0 || name === null || name === "")) {
    result.incomplete.push({
      path: [...base, "metadata", "name"],
      message: `${String(value.kind)} has no metadata.name: give it a name`
    });
  }
}

// src/engine/paths.ts
var PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;
function formatPath(path11) {
  let out = "";
  for (const segment of path11) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
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
    value: isRecord(context) ? present(context[field]) : void 0,
    path: [...podSecurityContextPath(pod), field]
  };
}
function containerSetting(ref, field) {
  const context = ref.container.securityContext;
  return isRecord(context) ? present(context[field]) : void 0;
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
  if (isRecord(spec.os)) return spec.os.name === "windows";
  const selector = spec.nodeSelector;
  if (isRecord(selector) && OS_LABELS.some((label) => selector[label] === "windows")) return true;
  const context = spec.securityContext;
  return isRecord(context) && isRecord(context.windowsOptions) && context.windowsOptions.hostProcess === true;
}
function usesUserNamespace(pod) {
  return pod.spec.hostUsers === false;
}
function describeWorkload(object) {
  return `${object.kind ?? "object"} "${object.name ?? "(unnamed)"}"`;
}
function yamlToSet(path11, value) {
  return `${formatPath(path11)}: ${value}`;
}
function seccompTypeOf(profile) {
  return isRecord(profile) && typeof profile.type === "string" ? profile.type : void 0;
}
var SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
var SECCOMP_CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";
function seccompProfileForAnnotation(value) {
  const v2 = value.trim();
  if (v2.startsWith("localhost/")) return `{type: Localhost, localhostProfile: ${v2.slice("localhost/".length)}}`;
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
  const add = isRecord(caps) && Array.isArray(caps.add) ? caps.add : [];
  return add.some((c) => typeof c === "string" && (normalizeCapability(c) === "SYS_ADMIN" || normalizeCapability(c) === "ALL"));
}
function normalizeHostPath(path11) {
  const collapsed = path11.trim().replace(/\/+/g, "/");
  return collapsed.length > 1 ? collapsed.replace(/\/$/, "") : collapsed;
}
function hostPathAllowed(path11, prefixes) {
  const p = normalizeHostPath(path11);
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
function hostPathRisk(path11) {
  const p = normalizeHostPath(path11);
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
  const v2 = value.trim();
  if (v2 === "runtime/default" || v2 === "docker/default") return "RuntimeDefault";
  if (v2 === "unconfined") return "Unconfined";
  if (v2.startsWith("localhost/")) return "Localhost";
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
function stringMap(value) {
  if (!isRecord(value)) return {};
  const out = {};
  for (const [k2, v2] of Object.entries(value)) {
    if (typeof v2 === "string" || typeof v2 === "number" || typeof v2 === "boolean") out[k2] = String(v2);
  }
  return out;
}
function getPath(value, path11) {
  let current = value;
  for (const segment of path11) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return void 0;
      current = current[segment];
    } else {
      if (!isRecord(current) || !Object.hasOwn(current, segment)) return void 0;
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
  if (!isRecord(spec)) return void 0;
  const metadata = getPath(object.value, [...podPath, "metadata"]);
  return {
    spec,
    path: [...podPath, "spec"],
    metadataPath: [...podPath, "metadata"],
    labels: stringMap(isRecord(metadata) ? metadata.labels : void 0),
    annotations: stringMap(isRecord(metadata) ? metadata.annotations : void 0)
  };
}
var CONTAINER_FIELDS = [
  ["initContainers", "initContainer"],
  ["containers", "container"],
  ["ephemeralContainers", "ephemeralContainer"]
];
function containersOf(object, filter2 = {}) {
  const pod = podSpecOf(object);
  if (!pod) return [];
  const out = [];
  for (const [field, type2] of CONTAINER_FIELDS) {
    if (type2 === "initContainer" && filter2.init === false) continue;
    if (type2 === "ephemeralContainer" && filter2.ephemeral !== true) continue;
    const list2 = pod.spec[field];
    if (!Array.isArray(list2)) continue;
    list2.forEach((container, index2) => {
      if (!isRecord(container)) return;
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
      const path11 = [...containerSecurityContextPath(ref), "capabilities"];
      const caps = containerSetting(ref, "capabilities");
      const add = isRecord(caps) && Array.isArray(caps.add) ? caps.add : [];
      const drop = isRecord(caps) && Array.isArray(caps.drop) ? caps.drop : void 0;
      add.forEach((raw, index2) => {
        if (typeof raw !== "string") return;
        const name = normalizeCapability(raw);
        const at2 = [...path11, "add", index2];
        if (allowed.has(name)) {
          if (raw !== name && !options.allowedCapabilities.includes(raw)) {
            reports.push({
              path: at2,
              message: `${who} adds capability "${raw}": write it as ${name}, the only spelling Pod Security Admission accepts`
            });
          }
          return;
        }
        const risk = CAPABILITY_RISKS[name];
        const because = risk ? ` (${risk})` : "";
        const message = BASELINE_CAPABILITIES.has(name) ? `${who} adds capability ${name}${because}, which the Restricted profile does not allow: remove it from securityContext.capabilities.add` : `${who} adds capability ${name}${because}, which even the Baseline profile forbids: remove it from securityContext.capabilities.add`;
        reports.push({ path: at2, message });
      });
      if (!options.requireDropAll) continue;
      const dropped = (drop ?? []).filter((c) => typeof c === "string");
      if (dropped.includes("ALL")) continue;
      const lowerAll = dropped.find((c) => c.trim().toUpperCase() === "ALL");
      if (lowerAll !== void 0) {
        reports.push({
          path: [...path11, "drop", (drop ?? []).indexOf(lowerAll)],
          message: `${who} drops "${lowerAll}": write it as ALL, the only spelling Pod Security Admission accepts`
        });
        continue;
      }
      reports.push({
        path: [...path11, "drop"],
        message: dropped.length === 0 ? `${who} keeps the runtime's default capabilities: set securityContext.capabilities.drop: [ALL]` : `${who} drops only ${dropped.join(", ")}: drop ALL instead (securityContext.capabilities.drop: [ALL])`
      });
    }
    return reports;
  }
});

// src/engine/config.ts
var import_fastest_levenshtein = __toESM(require_mod(), 1);
import { existsSync as existsSync3, readFileSync as readFileSync3, statSync } from "node:fs";
import { createRequire as createRequire2 } from "node:module";
import path2 from "node:path";

// src/schema/bundle.ts
import { existsSync as existsSync2, readFileSync as readFileSync2 } from "node:fs";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
function findSchemasDir() {
  let dir = import.meta.dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, "schemas");
    if (existsSync2(path.join(candidate, "index.json"))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`kube-lint is installed without its schemas/ folder (looked above ${import.meta.dirname})`);
}
var schemasDir;
var index;
var kubernetes;
var deprecations;
function file(name) {
  schemasDir ??= findSchemasDir();
  return path.join(schemasDir, name);
}
function bundleIndex() {
  index ??= JSON.parse(readFileSync2(file("index.json"), "utf8"));
  return index;
}
function kubernetesBundle() {
  kubernetes ??= JSON.parse(brotliDecompressSync(readFileSync2(file(bundleIndex().files.kubernetes))).toString("utf8"));
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
    for (const [name, at2] of Object.entries(names)) {
      const body = bundle.bodies[at2];
      if (body) defs[name] = body;
    }
    definitionsCache.set(version, defs);
  }
  return defs;
}
function kindDefinition(version, apiVersion, kind) {
  const kinds = kindsOf(version);
  const byKind = Object.hasOwn(kinds, apiVersion) ? kinds[apiVersion] : void 0;
  const name = byKind && Object.hasOwn(byKind, kind) ? byKind[kind] : void 0;
  return typeof name === "string" ? name : void 0;
}
function kindsOf(version) {
  return kubernetesBundle().kinds[version] ?? {};
}
function deprecationEntries() {
  deprecations ??= JSON.parse(readFileSync2(file(bundleIndex().files.deprecations), "utf8")).entries;
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
  const match2 = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text);
  const minor = match2 ? `${match2[1]}.${match2[2]}` : void 0;
  if (minor === void 0 || !KUBERNETES_VERSIONS.includes(minor)) {
    throw new UsageError(`unknown Kubernetes version "${text}": known versions are ${KUBERNETES_VERSIONS.join(", ")}`);
  }
  return minor;
}

// src/engine/config.ts
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
var require3 = createRequire2(import.meta.url);
var validator;
function configValidator() {
  if (!validator) {
    const { Ajv: Ajv2 } = require3("ajv");
    validator = new Ajv2({ allErrors: true, strict: false, validateSchema: false }).compile(CONFIG_SCHEMA);
  }
  return validator;
}
function findConfigFile(cwd) {
  let dir = path2.resolve(cwd);
  for (; ; ) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path2.join(dir, name);
      if (existsSync3(candidate)) return candidate;
    }
    if (existsSync3(path2.join(dir, ".git"))) return void 0;
    const parent = path2.dirname(dir);
    if (parent === dir) return void 0;
    dir = parent;
  }
}
function parseConfigText(text, source) {
  let data;
  try {
    const { parse } = require3("yaml");
    data = parse(text, { version: "1.2", uniqueKeys: true, maxAliasCount: 20 });
  } catch (error2) {
    throw new ConfigError(`${source}: not valid YAML or JSON: ${error2.message.split("\n")[0] ?? ""}`);
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
    const error2 = (validateConfig.errors ?? [])[0];
    const where = error2?.instancePath ? error2.instancePath.slice(1).replace(/\//g, ".") : "";
    let detail;
    if (error2?.keyword === "additionalProperties") {
      const key3 = String(error2.params.additionalProperty);
      detail = `unknown key "${where ? `${where}.` : ""}${key3}" (known keys: ${Object.keys(CONFIG_SCHEMA.properties).filter((k2) => k2 !== "$schema").join(", ")})`;
    } else if (error2?.keyword === "enum" || where.startsWith("rules.")) {
      detail = `"${where}" must be one of ${where.startsWith("rules.") ? "off, info, warning, error, or [severity, {options}]" : JSON.stringify(error2?.params.allowedValues)}`;
    } else {
      detail = `"${where}" ${error2?.message ?? "is invalid"}`;
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
    if (statSync(filePath).isDirectory()) throw new ConfigError(`config file ${filePath} is a folder`);
    text = readFileSync3(filePath, "utf8");
  } catch (error2) {
    if (error2 instanceof ConfigError) throw error2;
    const code = error2.code;
    throw new ConfigError(`cannot read config file ${filePath}: ${code === "ENOENT" ? "no such file" : error2.message}`);
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
  const byId = new Map(rules2.map((r7) => [r7.id, r7]));
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
    } catch (error2) {
      throw new ConfigError(error2.message, { cause: error2 });
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

// src/k8s/index.ts
var import_fastest_levenshtein2 = __toESM(require_mod(), 1);

// src/k8s/selectors.ts
function labelMap(value) {
  if (!isRecord(value)) return {};
  const out = {};
  for (const [k2, v2] of Object.entries(value)) {
    if (typeof v2 === "string" || typeof v2 === "number" || typeof v2 === "boolean") out[k2] = String(v2);
  }
  return out;
}
function parseLabelSelector(value) {
  if (!isRecord(value)) return void 0;
  const matchExpressions = [];
  if (Array.isArray(value.matchExpressions)) {
    for (const item of value.matchExpressions) {
      if (!isRecord(item) || typeof item.key !== "string") continue;
      const operator = item.operator;
      if (operator !== "In" && operator !== "NotIn" && operator !== "Exists" && operator !== "DoesNotExist") continue;
      const values = Array.isArray(item.values) ? item.values.map(String) : [];
      matchExpressions.push({ key: item.key, operator, values });
    }
  }
  return { matchLabels: labelMap(value.matchLabels), matchExpressions };
}
function parseMapSelector(value) {
  if (!isRecord(value)) return void 0;
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
  const parts = Object.entries(selector.matchLabels).map(([k2, v2]) => `${k2}=${v2}`);
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
  if (!isRecord(metadata)) return void 0;
  const name = metadata.name;
  return typeof name === "string" && name !== "" ? name : typeof name === "number" ? String(name) : void 0;
}
var SEP = "\0";
var key = (...parts) => parts.join(SEP);
function identityOf(object) {
  const name = fixedNameOf(object);
  if (object.kind === void 0 || name === void 0) return void 0;
  return key(canonicalGroup(object.kind, apiGroupOf(object.apiVersion)), object.kind, namespaceOf(object), name);
}
function stringAt(value, path11) {
  const found = getPath(value, path11);
  return typeof found === "string" && found !== "" ? found : void 0;
}
function targetRef(value, path11, defaults2 = {}) {
  if (!isRecord(value)) return void 0;
  const kind = typeof value.kind === "string" && value.kind !== "" ? value.kind : defaults2.kind;
  const name = typeof value.name === "string" && value.name !== "" ? value.name : void 0;
  if (kind === void 0 || name === void 0) return void 0;
  const apiVersion = typeof value.apiVersion === "string" && value.apiVersion !== "" ? value.apiVersion : defaults2.apiVersion;
  return { group: apiVersion === void 0 ? void 0 : canonicalGroup(kind, apiGroupOf(apiVersion)), kind, name, path: path11 };
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
  return isRecord(annotations2) ? annotations2 : {};
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
  if (!isRecord(value)) return {};
  const out = {};
  for (const [k2, v2] of Object.entries(value)) {
    if (typeof v2 === "string" || typeof v2 === "number" || typeof v2 === "boolean") out[k2] = String(v2);
  }
  return out;
}
function podOfAnyKind(object) {
  const builtin = podSpecOf(object);
  if (builtin) return builtin;
  const template = CUSTOM_TEMPLATE_PATHS[`${apiGroupOf(object.apiVersion)}/${object.kind ?? ""}`];
  if (!template) return void 0;
  const spec = getPath(object.value, [...template, "spec"]);
  if (!isRecord(spec)) return void 0;
  const metadata = getPath(object.value, [...template, "metadata"]);
  return {
    spec,
    path: [...template, "spec"],
    metadataPath: [...template, "metadata"],
    labels: labelMap2(isRecord(metadata) ? metadata.labels : void 0),
    annotations: labelMap2(isRecord(metadata) ? metadata.annotations : void 0)
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
      if (!isRecord(container)) return;
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
  for (const [k2, v2] of Object.entries(selector.matchLabels)) {
    if (!CONTROLLER_LABELS.has(k2)) matchLabels[k2] = v2;
    else if (k2 === POD_NAME_LABEL) podName = v2;
  }
  const matchExpressions = selector.matchExpressions.filter((r7) => !CONTROLLER_LABELS.has(r7.key));
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
        const target = targetRef(isRecord(spec) ? spec.scaleTargetRef : void 0, ["spec", "scaleTargetRef"]);
        if (!target || !isRecord(spec)) break;
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
        const target = targetRef(isRecord(spec) ? spec.scaleTargetRef : void 0, ["spec", "scaleTargetRef"], {
          kind: "Deployment",
          apiVersion: "apps/v1"
        });
        if (target) this.addScaler({ object, kind: "ScaledObject", namespace, target });
        break;
      }
      case "autoscaling.k8s.io/VerticalPodAutoscaler": {
        const mode = stringAt(spec, ["updatePolicy", "updateMode"]) ?? "Auto";
        const target = targetRef(isRecord(spec) ? spec.targetRef : void 0, ["spec", "targetRef"]);
        if (target && ACTIVE_VPA_MODES.has(mode)) this.addScaler({ object, kind: "VerticalPodAutoscaler", namespace, target });
        break;
      }
      case "policy/PodDisruptionBudget": {
        let selector = parseLabelSelector(isRecord(spec) ? spec.selector : void 0);
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
    push(this.scalersByTarget, key(entry.target.kind, entry.target.name), entry);
  }
  addGenerated(kind, namespace, name, by) {
    if (name !== void 0) push(this.generated, key(kind, name), { namespace, value: by });
  }
  addLimitRange(spec, namespace) {
    const limits = getPath(spec, ["limits"]);
    if (!Array.isArray(limits)) return;
    for (const limit of limits) {
      if (!isRecord(limit) || limit.type !== "Container") continue;
      for (const field of ["default", "defaultRequest"]) {
        const values = limit[field];
        if (isRecord(values)) for (const resource of Object.keys(values)) push(this.limitDefaults, resource, namespace);
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
    let visible2 = cache2.get(namespace);
    if (visible2 === void 0) {
      visible2 = [...this.byName.get(kind)?.values() ?? []].flat().filter((o) => namespacesMatch(namespaceOf(o), namespace));
      cache2.set(namespace, visible2);
    }
    return visible2;
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
        else if (requirement.operator === "In") candidates = [...new Set(requirement.values.flatMap((v2) => values?.get(v2) ?? []))];
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
    const scalers = this.scalersByTarget.get(key(object.kind, name)) ?? [];
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
    const direct = (this.generated.get(key(kind, name)) ?? []).find((g) => namespacesMatch(g.namespace, namespace));
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
    return (this.limitDefaults.get(resource) ?? []).some((ns2) => namespacesMatch(ns2, namespace));
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
function inner(map2, k2) {
  let found = map2.get(k2);
  if (!found) {
    found = /* @__PURE__ */ new Map();
    map2.set(k2, found);
  }
  return found;
}
function push(map2, k2, value) {
  const list2 = map2.get(k2);
  if (list2) list2.push(value);
  else map2.set(k2, [value]);
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
  if (!isRecord(value)) return void 0;
  const name = value[field];
  return typeof name === "string" && name !== "" ? name : void 0;
}
function itemKeys(source, path11) {
  if (!Array.isArray(source.items)) return [];
  const out = [];
  source.items.forEach((item, i) => {
    if (isRecord(item) && typeof item.key === "string") out.push({ key: item.key, path: [...path11, "items", i, "key"] });
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
        if (!isRecord(source)) return;
        for (const [field, kind] of [
          ["configMapRef", "ConfigMap"],
          ["secretRef", "Secret"]
        ]) {
          const target = source[field];
          const name = nameOf(target);
          if (name === void 0 || !isRecord(target)) continue;
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
        if (!isRecord(variable) || !isRecord(variable.valueFrom)) return;
        for (const [field, kind] of [
          ["configMapKeyRef", "ConfigMap"],
          ["secretKeyRef", "Secret"]
        ]) {
          const target = variable.valueFrom[field];
          const name = nameOf(target);
          if (name === void 0 || !isRecord(target)) continue;
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
      if (!isRecord(volume)) return;
      const base = [...pod.path, "volumes", i];
      const via = `volume ${typeof volume.name === "string" ? `"${volume.name}"` : `#${i}`}`;
      const configMap = volume.configMap;
      if (isRecord(configMap) && nameOf(configMap) !== void 0) {
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
      if (isRecord(secret) && nameOf(secret, "secretName") !== void 0) {
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
      if (isRecord(claim) && nameOf(claim, "claimName") !== void 0) {
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
      if (isRecord(projected) && Array.isArray(projected.sources)) {
        projected.sources.forEach((source, j2) => {
          if (!isRecord(source)) return;
          for (const [field, kind] of [
            ["configMap", "ConfigMap"],
            ["secret", "Secret"]
          ]) {
            const target = source[field];
            const name = nameOf(target);
            if (name === void 0 || !isRecord(target)) continue;
            const sourcePath = [...base, "projected", "sources", j2, field];
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
  const maps = fields.map((f) => value[f]).filter(isRecord);
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
    const kinds = new Set(options.kinds);
    const ignored = options.ignoreNames.map(globToRegExp);
    const reports = [];
    for (const entry of index2.pods) {
      const { object, namespace } = entry;
      for (const ref of podReferences(object, entry.pod, containersOfEntry(entry))) {
        if (!kinds.has(ref.kind) || ref.optional) continue;
        if (ref.kind === "ServiceAccount" && ref.name === "default") continue;
        if (ignored.some((re2) => re2.test(ref.name))) continue;
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
        for (const { key: key3, path: path11 } of ref.keys) {
          if (keys.has(key3)) continue;
          const near = closest(key3, [...keys]);
          reports.push({
            object,
            path: path11,
            message: `${ref.via} of ${describeObject(object)} needs key "${key3}" of ${describeObject(defined)}, which has no such key: ${near !== void 0 ? `did you mean "${near}"?` : "add the key or fix the reference"}`
          });
        }
      }
    }
    return reports;
  }
});

// src/schema/registry.ts
import { readFileSync as readFileSync4 } from "node:fs";

// src/schema/convert.ts
var DEFINITIONS_PREFIX = "#/definitions/";
var INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
var QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
var OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
var intOrString = (extra = {}) => ({ type: ["integer", "string"], ...extra });
var quantity = (mode = true) => ({ type: ["string", "number"], k8sQuantity: mode });
var stringMap2 = (extra) => ({ type: "object", additionalProperties: { type: "string" }, ...extra });
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
  [OBJECT_META]: { labels: () => stringMap2({ k8sLabels: true }), annotations: () => stringMap2({ k8sAnnotations: true }) },
  "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": { matchLabels: () => stringMap2({ k8sLabels: true }) },
  "io.k8s.api.core.v1.ServiceSpec": { selector: () => stringMap2({ k8sLabels: true }) },
  "io.k8s.api.core.v1.ReplicationControllerSpec": { selector: () => stringMap2({ k8sLabels: true }) },
  "io.k8s.api.core.v1.PodSpec": { nodeSelector: () => stringMap2({ k8sLabels: true }) }
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
      out[key3] = value.map((v2) => isNode(v2) ? convertNode(v2, strict) : v2);
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

// src/schema/crd.ts
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function str(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function isCrdObject(value) {
  return isRecord2(value) && value.kind === "CustomResourceDefinition" && typeof value.apiVersion === "string" && value.apiVersion.startsWith("apiextensions.k8s.io/");
}
function crdInfoOf(value) {
  if (!isCrdObject(value)) return void 0;
  const spec = isRecord2(value.spec) ? value.spec : {};
  const names = isRecord2(spec.names) ? spec.names : {};
  const group = str(spec.group);
  const kind = str(names.kind);
  if (group === void 0 || kind === void 0) return void 0;
  const metadata = isRecord2(value.metadata) ? value.metadata : {};
  const shared = isRecord2(spec.validation) && isRecord2(spec.validation.openAPIV3Schema) ? spec.validation.openAPIV3Schema : void 0;
  const versions = [];
  if (Array.isArray(spec.versions)) {
    for (const v2 of spec.versions) {
      if (!isRecord2(v2)) continue;
      const name = str(v2.name);
      if (name === void 0) continue;
      const schema2 = isRecord2(v2.schema) && isRecord2(v2.schema.openAPIV3Schema) ? v2.schema.openAPIV3Schema : shared;
      const version = { name, served: v2.served !== false, storage: v2.storage === true, deprecated: v2.deprecated === true };
      const warning2 = str(v2.deprecationWarning);
      if (warning2 !== void 0) version.deprecationWarning = warning2;
      if (schema2) version.schema = schema2;
      versions.push(version);
    }
  } else if (str(spec.version) !== void 0) {
    const version = { name: str(spec.version) ?? "", served: true, storage: true, deprecated: false };
    if (shared) version.schema = shared;
    versions.push(version);
  }
  const info2 = { name: str(metadata.name) ?? "", group, kind, versions };
  const plural2 = str(names.plural);
  if (plural2 !== void 0) info2.plural = plural2;
  return info2;
}

// src/schema/keywords.ts
var import_ajv = __toESM(require_ajv(), 1);
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
function fail(fn2, params, keyword) {
  fn2.errors = [{ keyword, message: params.message, params }];
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
  const error2 = (message) => fail(port, { rule: "schema", message }, "k8sPort");
  if (typeof data === "number") {
    if (mode === "name") return true;
    const min = mode === "number-or-zero" || mode === "target-port" ? 0 : 1;
    if (!Number.isInteger(data) || data < min || data > 65535) {
      const what2 = mode === "number" || mode === "number-or-zero" ? "a port number" : "a port number or a port name";
      return error2(`{path} must be ${what2} between ${min} and 65535, got ${data}`);
    }
    return true;
  }
  if (typeof data !== "string" || mode === "number" || mode === "number-or-zero") return true;
  if (mode === "target-port" && data === "") return true;
  if (/^\d+$/.test(data) && mode !== "name") {
    return error2(`{path} is the string "${data}", which the API server reads as a port name: write the number without quotes`);
  }
  const problem = portNameProblem(data);
  return problem === void 0 ? true : error2(`{path} "${data}" is not a valid port name: it ${problem} (IANA service name)`);
};
var intOrPercent = (_schema, data) => {
  const error2 = (message) => fail(intOrPercent, { rule: "schema", message }, "k8sIntOrPercent");
  if (typeof data === "number") return data >= 0 ? true : error2(`{path} must not be negative, got ${data}`);
  if (typeof data !== "string" || /^[0-9]+%$/.test(data)) return true;
  if (/^\d+$/.test(data))
    return error2(`{path} must be a number or a percentage, got the string "${data}": write ${data} without quotes or "${data}%"`);
  return error2(`{path} must be a whole number or a percentage such as "25%", got "${data}"`);
};
function isRecord3(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var labels = (_schema, data) => {
  if (!isRecord3(data)) return true;
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
  if (!isRecord3(data)) return true;
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
  if (!isRecord3(data)) return true;
  const errors = [];
  for (const key3 of Object.keys(data)) {
    let message;
    if (!key3.includes("/")) {
      if (CONTAINER_RESOURCES.includes(key3) || key3.startsWith("hugepages-")) continue;
      const near = CONTAINER_RESOURCES.find((r7) => r7.startsWith(key3.toLowerCase().slice(0, 3)) || key3.toLowerCase().startsWith(r7));
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
function createAjv(options = {}) {
  const ajv2 = new import_ajv.Ajv({
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
    // a handful of validations per kind) and buy little at validation time.
    code: { source: false, optimize: false }
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
function schemaProps(error2) {
  const parent = error2.parentSchema;
  return parent?.properties ? Object.keys(parent.properties) : [];
}
function messageOf(item, context) {
  const { error: error2, path: path11 } = item;
  const where = path11.length === 0 ? `the ${context.kind}` : formatPath(path11);
  const data = error2.data;
  const params = error2.params;
  switch (error2.keyword) {
    case "additionalProperties": {
      const key3 = String(params.additionalProperty);
      const near = closest(key3, schemaProps(error2));
      const hint = near === void 0 ? context.unknownFieldHint?.(error2.parentSchema, key3) : void 0;
      const message = near ? `unknown field "${key3}" in ${where} (did you mean "${near}"?)` : `unknown field "${key3}" in ${where}: ${hint ?? "remove it or fix its indentation"}`;
      return { rule: "schema", path: [...path11, key3], message, target: "key" };
    }
    case "required": {
      const key3 = String(params.missingProperty);
      return { rule: "schema", path: path11, message: `missing required field "${key3}" in ${where}` };
    }
    case "type": {
      if (data === null || data === void 0) return void 0;
      const expected = (Array.isArray(params.type) ? params.type : String(params.type).split(",")).map(String);
      const words = expected.map((t) => TYPE_WORDS[t] ?? t).join(" or ");
      return { rule: "schema", path: path11, message: `${where} must be ${words}, got ${describeValue(data)}${typeHint(expected, data)}` };
    }
    case "format": {
      const format = String(params.format);
      const secretHint = format === "byte" && context.kind === "Secret" && path11[0] === "data" ? ": encode it, or put plain text under stringData" : "";
      return {
        rule: "schema",
        path: path11,
        message: `${where} must be ${FORMAT_WORDS[format] ?? `in format ${format}`}, got ${show(data)}${secretHint}`
      };
    }
    case "enum": {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const strings = allowed.filter((v2) => typeof v2 === "string");
      const near = typeof data === "string" ? strings.find((s) => s.toLowerCase() === data.toLowerCase()) ?? closest(data, strings) : void 0;
      const list2 = allowed.length <= 12 ? allowed.map((v2) => JSON.stringify(v2)).join(", ") : `${allowed.slice(0, 12).map((v2) => JSON.stringify(v2)).join(", ")}, ...`;
      return {
        rule: "schema",
        path: path11,
        message: `${where} must be one of ${list2}, got ${show(data)}${near ? ` (did you mean "${near}"?)` : ""}`
      };
    }
    case "pattern":
      return { rule: "schema", path: path11, message: `${where} must match the pattern ${String(params.pattern)}, got ${show(data)}` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { rule: "schema", path: path11, message: `${where} must be ${String(params.comparison)} ${String(params.limit)}, got ${show(data)}` };
    case "minLength":
      return { rule: "schema", path: path11, message: `${where} must be at least ${String(params.limit)} characters long, got ${show(data)}` };
    case "maxLength":
      return {
        rule: "schema",
        path: path11,
        message: `${where} must be at most ${String(params.limit)} characters long, got ${typeof data === "string" ? data.length : 0}`
      };
    case "minItems":
      return {
        rule: "schema",
        path: path11,
        message: `${where} must have at least ${String(params.limit)} item(s), got ${Array.isArray(data) ? data.length : 0}`
      };
    case "maxItems":
      return {
        rule: "schema",
        path: path11,
        message: `${where} must have at most ${String(params.limit)} item(s), got ${Array.isArray(data) ? data.length : 0}`
      };
    case "minProperties":
      return {
        rule: "schema",
        path: path11,
        message: `${where} must have at least ${String(params.limit)} entr${params.limit === 1 ? "y" : "ies"}`
      };
    case "maxProperties":
      return {
        rule: "schema",
        path: path11,
        message: `${where} must have at most ${String(params.limit)} entr${params.limit === 1 ? "y" : "ies"}`
      };
    case "uniqueItems":
      return { rule: "schema", path: path11, message: `${where} has duplicate items (${String(params.j)} and ${String(params.i)}): remove one` };
    case "multipleOf":
      return { rule: "schema", path: path11, message: `${where} must be a multiple of ${String(params.multipleOf)}, got ${show(data)}` };
    case "not":
      return { rule: "schema", path: path11, message: `${where} has a value this field does not allow` };
    case "oneOf":
    case "anyOf":
      return { rule: "schema", path: path11, message: `${where} does not match any of the forms this field allows` };
    default: {
      if (CUSTOM_KEYWORDS.has(error2.keyword)) {
        const custom = params;
        const full = [...path11, ...custom.subpath ?? []];
        const message = custom.message.replaceAll("{path}", full.length === 0 ? `the ${context.kind}` : formatPath(full)).replaceAll("{parent}", where);
        return { rule: custom.rule, path: full, message, ...custom.target ? { target: custom.target } : {} };
      }
      return { rule: "schema", path: path11, message: `${where} ${error2.message ?? "is not valid"}` };
    }
  }
}
function isPrefix(prefix, path11) {
  return prefix.length <= path11.length && prefix.every((segment, i) => segment === path11[i]);
}
function reduceJunctor(junctor, branches) {
  const { error: error2 } = junctor;
  const passing = error2.params.passingSchemas;
  if (Array.isArray(passing)) {
    const requiredSets = requiredOnlyBranches(error2);
    if (requiredSets) {
      const names = requiredSets.flat().map((n) => `"${n}"`).join(", ");
      return [synthetic(junctor, `set only one of ${names}`)];
    }
    return [synthetic(junctor, `matches more than one of the forms this field allows: keep the fields of one`)];
  }
  const prefix = `${error2.schemaPath}/`;
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
    return [synthetic(junctor, `set ${error2.keyword === "oneOf" ? "exactly" : "at least"} one of ${names.join(", ")}`)];
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
function requiredOnlyBranches(error2) {
  const schema2 = error2.schema;
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
  let items = errors.map((error2) => ({ error: error2, path: pointerToPath(error2.instancePath, data) }));
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
  for (const { error: error2, path: path11 } of items) {
    if (error2.keyword !== "additionalProperties") continue;
    const near = closest(String(error2.params.additionalProperty), schemaProps(error2));
    if (near !== void 0) suggested.add(`${JSON.stringify(path11)} ${near}`);
  }
  items = items.filter(
    ({ error: error2, path: path11 }) => error2.keyword !== "required" || !suggested.has(`${JSON.stringify(path11)} ${String(error2.params.missingProperty)}`)
  );
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const item of items) {
    const issue2 = item.error.keyword === "x-junctor" ? {
      rule: "schema",
      path: item.path,
      message: `${item.path.length === 0 ? `the ${context.kind}` : formatPath(item.path)}: ${item.error.message ?? ""}`
    } : messageOf(item, context);
    if (!issue2) continue;
    const key3 = `${issue2.rule} ${JSON.stringify(issue2.path)} ${issue2.message}`;
    if (seen.has(key3)) continue;
    seen.add(key3);
    out.push(issue2);
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
  const types3 = list2.map((s) => isNode2(s) && Object.keys(s).length === 1 ? s.type : void 0).sort();
  return types3[0] === "integer" && types3[1] === "string";
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
      const branches = value.filter(isNode2).map((v2) => convert(v2, options, true));
      if (branches.length > 0) out[key3] = branches;
    } else if (key3 === "pattern" && typeof value === "string") {
      if (portablePattern(value)) out.pattern = value;
    } else if (key3 === "format" && typeof value === "string") {
      if (value in FORMATS) out.format = value;
    } else if ((key3 === "exclusiveMinimum" || key3 === "exclusiveMaximum") && value === true) {
      const bound2 = key3 === "exclusiveMinimum" ? node.minimum : node.maximum;
      if (typeof bound2 === "number") out[key3] = bound2;
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
function shareSubschemas(root, minNodes = 8) {
  const ids = /* @__PURE__ */ new Map();
  const idOf = /* @__PURE__ */ new Map();
  const sizeOf = /* @__PURE__ */ new Map();
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
      size += sizeOf.get(id2) ?? 1;
      parts.push(`${key3}/${name ?? ""}=#${id2}`);
    }
    const signature = parts.join(",");
    let id = ids.get(signature);
    if (id === void 0) {
      id = ids.size;
      ids.set(signature, id);
      sizeOf.set(id, size);
    }
    idOf.set(node, id);
    uses.set(id, (uses.get(id) ?? 0) + 1);
    return id;
  };
  intern(root);
  const definitions = {};
  const names = /* @__PURE__ */ new Map();
  const shared = (id) => (uses.get(id) ?? 0) > 1 && (sizeOf.get(id) ?? 0) >= minNodes;
  const rewrite = (node, isRoot) => {
    const id = idOf.get(node);
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
  coreValidator(version, strict, definition) {
    const core2 = this.core(version, strict);
    let validator2 = core2.validators.get(definition);
    if (!validator2) {
      validator2 = core2.ajv.compile({ $ref: `${CORE_ID}${DEFINITIONS_PREFIX}${definition}` });
      this.compilations++;
      core2.validators.set(definition, validator2);
    }
    return validator2;
  }
};
var sharedValidatorCache = new ValidatorCache();
function isRecord4(value) {
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
  if (!isRecord4(value)) return value;
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
var key2 = (apiVersion, kind) => `${apiVersion}
${kind}`;
var SchemaRegistry = class {
  kubernetesVersion;
  strict;
  cache;
  crds = /* @__PURE__ */ new Map();
  crdsByGroupKind = /* @__PURE__ */ new Map();
  catalog = /* @__PURE__ */ new Map();
  readFile;
  extraAjv;
  extraValidators = /* @__PURE__ */ new Map();
  results = /* @__PURE__ */ new WeakMap();
  /** Schemas that could not be compiled (a CRD or catalog file Ajv rejects), by apiVersion/kind. */
  brokenSchemas = /* @__PURE__ */ new Map();
  constructor(options) {
    this.kubernetesVersion = options.kubernetesVersion;
    this.strict = options.strict;
    this.cache = options.cache ?? sharedValidatorCache;
    this.readFile = options.readFile ?? ((file2) => readFileSync4(file2, "utf8"));
    for (const entry of options.catalog ?? []) {
      const k2 = key2(`${entry.group}/${entry.version}`, entry.kind);
      if (!this.catalog.has(k2)) this.catalog.set(k2, entry);
    }
  }
  /** Registers a CustomResourceDefinition for every version it lists. Later registrations win. */
  addCrd(value, source) {
    const info2 = crdInfoOf(value);
    if (!info2) return void 0;
    const list2 = [];
    for (const version of info2.versions) {
      const registered = { info: info2, version, source };
      this.crds.set(key2(`${info2.group}/${version.name}`, info2.kind), registered);
      this.extraValidators.delete(key2(`${info2.group}/${version.name}`, info2.kind));
      list2.push(registered);
    }
    this.crdsByGroupKind.set(`${info2.group}
${info2.kind}`, list2);
    return info2;
  }
  /** The core definition name of a built-in kind in the target version. */
  coreDefinition(apiVersion, kind) {
    return kindDefinition(this.kubernetesVersion, apiVersion, kind);
  }
  crd(apiVersion, kind) {
    return this.crds.get(key2(apiVersion, kind));
  }
  /** Every version of a CRD-defined kind, whatever the apiVersion asked. */
  crdVersions(group, kind) {
    return this.crdsByGroupKind.get(`${group}
${kind}`) ?? [];
  }
  catalogEntry(apiVersion, kind) {
    return this.catalog.get(key2(apiVersion, kind.toLowerCase()));
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
    for (const [apiVersion, kinds] of Object.entries(kindsOf(this.kubernetesVersion))) {
      for (const kind of Object.keys(kinds)) if (!kind.endsWith("List")) out.push({ apiVersion, kind, source: "kubernetes" });
    }
    for (const { info: info2, version } of this.crds.values()) {
      if (version.served) out.push({ apiVersion: `${info2.group}/${version.name}`, kind: info2.kind, source: "crd" });
    }
    for (const entry of this.catalog.values())
      out.push({ apiVersion: `${entry.group}/${entry.version}`, kind: entry.kind, source: "catalog" });
    return out;
  }
  extra() {
    if (!this.extraAjv) {
      this.extraAjv = createAjv({ inlineRefs: false });
      this.extraAjv.addSchema({ definitions: this.cache.core(this.kubernetesVersion, this.strict).definitions }, CORE_ID);
    }
    return this.extraAjv;
  }
  compileExtra(k2, schema2) {
    if (this.extraValidators.has(k2)) return this.extraValidators.get(k2) ?? void 0;
    let validator2 = null;
    try {
      const node = schema2();
      if (node) {
        validator2 = this.extra().compile(shareSubschemas(node));
        this.cache.compilations++;
      }
    } catch (error2) {
      this.brokenSchemas.set(k2, error2.message);
    }
    this.extraValidators.set(k2, validator2);
    return validator2 ?? void 0;
  }
  validatorFor(apiVersion, kind) {
    const definition = this.coreDefinition(apiVersion, kind);
    if (definition !== void 0) {
      return { source: "kubernetes", validate: this.cache.coreValidator(this.kubernetesVersion, this.strict, definition) };
    }
    const crd = this.crd(apiVersion, kind);
    if (crd?.version.served) {
      const schema2 = crd.version.schema;
      const validate = this.compileExtra(
        key2(apiVersion, kind),
        () => schema2 ? convertStructural(schema2, { strict: this.strict, objectMetaRef: OBJECT_META_REF }) : void 0
      );
      return validate ? { source: "crd", validate } : void 0;
    }
    const entry = this.catalogEntry(apiVersion, kind);
    if (entry) {
      const validate = this.compileExtra(key2(apiVersion, entry.kind), () => {
        const parsed = JSON.parse(this.readFile(entry.file));
        if (!isRecord4(parsed)) throw new Error(`${entry.file} is not a JSON Schema object`);
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
    const name = this.cache.core(this.kubernetesVersion, this.strict).names.get(schema2);
    if (name === void 0) return void 0;
    const has = (version) => {
      const props = definitionsOf(version)[name]?.properties;
      return typeof props === "object" && props !== null && !Array.isArray(props) && field in props;
    };
    const versions = bundleIndex().versions;
    const at2 = versions.indexOf(this.kubernetesVersion);
    const added = versions.slice(at2 + 1).find(has);
    if (added !== void 0)
      return `Kubernetes ${this.kubernetesVersion} does not have it (added in ${added}): remove it or target a later version with --kubernetes-version`;
    const removed = versions.slice(0, at2).reverse().find(has);
    if (removed !== void 0) return `Kubernetes ${this.kubernetesVersion} no longer has it (last in ${removed}): remove it`;
    return void 0;
  }
  /** metadata.name, generateName and namespace, checked as the API server's ValidateObjectMeta does. */
  nameIssues(data, apiVersion, kind) {
    if (!isRecord4(data) || !isRecord4(data.metadata)) return [];
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
      const info2 = crdInfoOf(data);
      const name = metadata.name;
      if (info2?.plural !== void 0 && typeof name === "string" && name !== "" && name !== `${info2.plural}.${info2.group}`) {
        out.push({
          rule: "invalid-name",
          path: ["metadata", "name"],
          message: `metadata.name "${name}" of a CustomResourceDefinition must be <spec.names.plural>.<spec.group>: rename it "${info2.plural}.${info2.group}"`
        });
      }
    }
    return out;
  }
};
var fallbackRegistries = /* @__PURE__ */ new Map();
function registryFor(env) {
  if (env.schemas) return env.schemas;
  const k2 = `${env.kubernetesVersion}|${String(env.strict)}`;
  let registry = fallbackRegistries.get(k2);
  if (!registry) {
    registry = new SchemaRegistry({ kubernetesVersion: env.kubernetesVersion, strict: env.strict });
    fallbackRegistries.set(k2, registry);
  }
  return registry;
}

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
  const crdVersions = registry.crdVersions(group, kind).filter((r7) => r7.version.served);
  if (crdVersions.length > 0) {
    const served = crdVersions.map((r7) => `${group}/${r7.version.name}`).sort(compareApiVersions);
    return {
      path: ["apiVersion"],
      message: `${kind} is not served as ${apiVersion}: its CustomResourceDefinition serves ${quoteList(served)}`
    };
  }
  const sameKind = known.filter((k2) => k2.kind === kind || k2.source === "catalog" && k2.kind === kindLower);
  const groupKnown = known.some((k2) => groupOf(k2.apiVersion) === group);
  const inGroup = sameKind.filter((k2) => groupOf(k2.apiVersion) === group);
  if (inGroup.length > 0 || !groupKnown && sameKind.length > 0) {
    const apis = [...new Set((inGroup.length > 0 ? inGroup : sameKind).map((k2) => k2.apiVersion))].sort(compareApiVersions);
    const choice = inGroup.length > 0 ? apis[0] : closest(apiVersion, apis) ?? apis[0];
    if (choice !== void 0) {
      return {
        path: ["apiVersion"],
        message: `${kind} is not served as ${apiVersion} by Kubernetes ${target}: use apiVersion "${choice}"`
      };
    }
  }
  const removed = deprecationEntries().filter((e) => e.component === "k8s" && e.kind === kind && e.removedIn !== void 0 && compareVersions(e.removedIn, target) <= 0).sort((a, b) => compareVersions(b.removedIn ?? "", a.removedIn ?? ""))[0];
  if (removed && !known.some((k2) => k2.kind === kind)) {
    const use = removed.replacement !== void 0 ? `use ${removed.replacement}` : "it has no replacement";
    return {
      path: ["kind"],
      message: `${kind} is not served by Kubernetes ${target}: ${removed.apiVersion ?? ""} ${kind} was removed in ${removed.removedIn ?? ""} (${use})`
    };
  }
  const otherVersions = bundleIndex().versions.filter((v2) => v2 !== target && kindDefinition(v2, apiVersion, kind) !== void 0);
  if (otherVersions.length > 0) {
    const later = otherVersions.filter((v2) => compareVersions(v2, target) > 0);
    const when = later.length > 0 ? `it is served from Kubernetes ${later[0] ?? ""}` : `it was last served by Kubernetes ${otherVersions[otherVersions.length - 1] ?? ""}`;
    return {
      path: ["apiVersion"],
      message: `${apiVersion} ${kind} is not served by Kubernetes ${target}: ${when}; set --kubernetes-version or change the apiVersion`
    };
  }
  const kindsOfApi = known.filter((k2) => k2.apiVersion === apiVersion).map((k2) => k2.kind);
  if (kindsOfApi.length > 0) {
    const near = closest(kind, kindsOfApi);
    if (near !== void 0) return { path: ["kind"], message: `unknown kind "${kind}" in ${apiVersion} (did you mean "${near}"?)` };
  }
  const allKinds = [...new Set(known.filter((k2) => k2.source !== "catalog").map((k2) => k2.kind))];
  const nearKind = closest(kind, allKinds);
  if (nearKind !== void 0 && nearKind !== kind) {
    const apis = [...new Set(known.filter((k2) => k2.kind === nearKind).map((k2) => k2.apiVersion))].sort(compareApiVersions);
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
    const alternatives = crd.info.versions.filter((v2) => v2.served && !v2.deprecated).map((v2) => `${group}/${v2.name}`).sort(compareApiVersions);
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
      const warning2 = crd.version.deprecationWarning !== void 0 ? `"${crd.version.deprecationWarning}"` : "deprecated";
      const report = {
        path: ["apiVersion"],
        message: `${apiVersion} ${kind} is deprecated by its CustomResourceDefinition (${warning2}): ${use}`,
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
        if (!isRecord(volume) || !isRecord(volume.hostPath)) return;
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
        if (!isRecord(port2) || typeof port2.hostPort !== "number" || port2.hostPort === 0) return;
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
    const kinds = new Set(options.kinds);
    const reports = [];
    for (const entry of index2.pods) {
      const object = entry.object;
      if (!isScalableWorkload(object) || !kinds.has(object.kind ?? "")) continue;
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
  if (!isRecord(spec)) return [];
  if (hpa.apiVersion === "autoscaling/v1") {
    if (spec.targetCPUUtilizationPercentage === void 0) return [DEFAULT_METRIC];
    return [{ resource: "cpu", container: void 0, path: ["spec", "targetCPUUtilizationPercentage"], implicit: false }];
  }
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) return [DEFAULT_METRIC];
  const out = [];
  spec.metrics.forEach((metric, i) => {
    if (!isRecord(metric)) return;
    const field = metric.type === "Resource" ? "resource" : metric.type === "ContainerResource" ? "containerResource" : void 0;
    if (field === void 0) return;
    const source = metric[field];
    if (!isRecord(source) || typeof source.name !== "string") return;
    const base = ["spec", "metrics", i, field];
    let path11;
    if (getPath(source, ["target", "type"]) === "Utilization") path11 = [...base, "target", "averageUtilization"];
    else if (source.targetAverageUtilization !== void 0) path11 = [...base, "targetAverageUtilization"];
    if (path11 === void 0) return;
    const container = field === "containerResource" && typeof source.container === "string" ? source.container : void 0;
    if (field === "containerResource" && container === void 0) return;
    out.push({ resource: source.name, container, path: path11, implicit: false });
  });
  return out;
}
function hasRequest(index2, entry, ref, resource) {
  for (const field of ["requests", "limits"]) {
    const values = getPath(ref.container, ["resources", field]);
    if (isRecord(values) && values[resource] !== void 0 && values[resource] !== null) return true;
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
  const scalable = SCALABLE.filter((k2) => k2 !== kind).flatMap((k2) => index2.find(k2, hpa.namespace, name))[0];
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
  const at2 = rest.indexOf("@");
  if (at2 >= 0) {
    digest = rest.slice(at2 + 1);
    rest = rest.slice(0, at2);
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
      const path11 = [...ref.path, "image"];
      const who = describeContainer(ref);
      const { tag, digest } = parseImage(image);
      if (digest !== void 0) {
        if (!isValidDigest(digest)) {
          reports.push({
            path: path11,
            message: `${who} uses image "${image}" with a malformed digest: use @sha256: followed by the 64-character hex digest`
          });
        }
        continue;
      }
      if (options.requireDigest) {
        reports.push({
          path: path11,
          message: `${who} uses image "${image}" without a digest: pin it by digest (${image.split("@")[0] ?? image}@sha256:...)`
        });
        continue;
      }
      if (tag === void 0 || tag === "") {
        reports.push({ path: path11, message: `${who} uses image "${image}" with no tag, which means latest: pin a version or digest` });
      } else if (floating.has(tag.toLowerCase())) {
        reports.push({ path: path11, message: `${who} uses image "${image}": the "${tag}" tag floats, pin a version or digest` });
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
  if (isRecord(lifecycle)) {
    for (const hook of ["postStart", "preStop"]) {
      handlers.push([`lifecycle.${hook}`, lifecycle[hook], [...ref.path, "lifecycle", hook], ["httpGet", "tcpSocket"]]);
    }
  }
  for (const [handler, value, path11, actions] of handlers) {
    if (!isRecord(value)) continue;
    for (const action of actions) {
      const spec = value[action];
      if (!isRecord(spec)) continue;
      const port2 = spec.port;
      if (typeof port2 !== "number" && typeof port2 !== "string") continue;
      const host = spec.host;
      out.push({
        handler,
        action,
        port: port2,
        path: [...path11, action, "port"],
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
    if (!isRecord(entry)) continue;
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
  words.forEach((_2, i) => {
    if (isSecretWord(words, i)) last = i;
  });
  if (last < 0) return false;
  return !words.slice(last + 1).some((w) => DESCRIPTOR_WORDS.has(w));
}
var BOOLEAN_WORDS = /* @__PURE__ */ new Set(["true", "false", "yes", "no", "y", "n", "on", "off", "enabled", "disabled", "none", "null", "nil", "~"]);
var AUTH_SCHEMES = /* @__PURE__ */ new Set(["bearer", "basic", "digest", "negotiate"]);
var SECRET_STORE_REFERENCE = /^(?:vault:|ref\+[a-z0-9]+:\/\/|arn:aws[a-z-]*:secretsmanager:|gcp:secretmanager:|projects\/[^/]+\/secrets\/)/i;
function isLiteral(value) {
  const v2 = value.trim();
  if (v2 === "") return false;
  if (v2.startsWith("$") || v2.includes("$(") || v2.includes("${") || v2.includes("{{") || v2.includes("%(") || v2.includes("`")) return false;
  if (v2.startsWith("ENC[") || SECRET_STORE_REFERENCE.test(v2)) return false;
  if (BOOLEAN_WORDS.has(v2.toLowerCase()) || AUTH_SCHEMES.has(v2.toLowerCase())) return false;
  if (/^(?:\/|\.{1,2}\/|~\/|file:)/.test(v2) || /[=,]\/[\w.-]+\//.test(v2)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v2) && !/^[^/]*:\/\/[^/@\s]*:[^/@\s]+@/.test(v2)) return false;
  if (/^<[^<>]*>$/.test(v2) || /^\[[^[\]]*\]$/.test(v2) || /^[*x•.#-]+$/i.test(v2)) return false;
  if (/^(?:your|insert|replace|enter|put|add)[-_ ]/i.test(v2) || /[-_ ]here$/i.test(v2) || /placeholder/i.test(v2)) return false;
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
  if (NOT_SECRET_NAMES.some((re2) => re2.test(words.join("_")))) return void 0;
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
    const { dash = "", name = "", sep: sep2 = "=", dq, sq, bare = "" } = m.groups ?? {};
    const quoted = dq ?? sq;
    const value = quoted ?? bare;
    if (quoted === void 0 && /[([{]/.test(value)) continue;
    const named = namedSecret(name, value);
    if (named) out.push({ ...named, masked: `${dash}${name}${sep2.startsWith(":") ? ": " : sep2.trim() === "" ? " " : sep2}${named.masked}` });
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
    if (!isRecord(entry) || typeof entry.name !== "string") return;
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
  return findSecretsInArgs(argv).map(({ index: index2, match: match2 }) => {
    const path11 = paths[index2] ?? ref.path;
    return {
      path: path11,
      message: `${who} ${String(path11.at(-2))}[${String(path11.at(-1))}] holds ${describeMatches([match2])}: read it from a Secret (an env var with secretKeyRef, referenced as $(VAR)) or a mounted file`
    };
  });
}
function handlerReports(ref, who) {
  const container = ref.container;
  const handlers = PROBE_FIELDS.map((f) => [f, container[f], [...ref.path, f]]);
  if (isRecord(container.lifecycle)) {
    for (const hook of ["postStart", "preStop"])
      handlers.push([`lifecycle.${hook}`, container.lifecycle[hook], [...ref.path, "lifecycle", hook]]);
  }
  const reports = [];
  for (const [handler, value, path11] of handlers) {
    if (!isRecord(value)) continue;
    if (isRecord(value.httpGet) && Array.isArray(value.httpGet.httpHeaders)) {
      value.httpGet.httpHeaders.forEach((header, index2) => {
        if (!isRecord(header) || typeof header.name !== "string") return;
        const text = scalarText(header.value);
        const matches2 = text === void 0 ? [] : secretsInValue(header.name, text);
        if (matches2.length === 0) return;
        reports.push({
          path: [...path11, "httpGet", "httpHeaders", index2, "value"],
          message: `${who} ${handler} header "${header.name}" holds ${describeMatches(matches2)}: probe an endpoint that needs no credential, or use an exec probe that reads it from a mounted Secret`
        });
      });
    }
    if (isRecord(value.exec) && Array.isArray(value.exec.command)) {
      const argv = value.exec.command.map((item) => scalarText(item) ?? "");
      for (const { index: index2, match: match2 } of findSecretsInArgs(argv)) {
        reports.push({
          path: [...path11, "exec", "command", index2],
          message: `${who} ${handler} command holds ${describeMatches([match2])}: read it from a mounted Secret or an env var with secretKeyRef`
        });
      }
    }
  }
  return reports;
}
function configMapReports(data, what2) {
  if (!isRecord(data)) return [];
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
    return (result?.issues ?? []).filter((issue2) => issue2.rule === "invalid-name").map((issue2) => ({ path: issue2.path, message: issue2.message, ...issue2.target ? { target: issue2.target } : {} }));
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
      const count2 = hasReplicasField(object) ? `${replicas} replica${replicas === 1 ? "" : "s"}` : "1 replica (spec.replicas is unset)";
      reports.push({
        object,
        path: ["spec", "replicas"],
        message: `${describeObject(object)} runs ${count2}: set replicas to at least ${options.minReplicas} or add an HPA, or annotate it ${FIXED_REPLICAS_ANNOTATION}: "true" if its size is deliberate`
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
    const owners = isRecord(metadata) && Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences : [];
    if (owners.some((o) => isRecord(o) && o.controller === true)) return [];
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
  if (!isRecord(map2)) return [];
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
  if (!isRecord(spec)) return void 0;
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
    if (isRecord(podWindows.value) && podWindows.value.hostProcess === true) {
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
      if (isRecord(windows) && windows.hostProcess === true) {
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
function compare(requests, limits, path11, who) {
  if (!isRecord(requests) || !isRecord(limits)) return [];
  const reports = [];
  for (const [name, request] of Object.entries(requests)) {
    if (!Object.hasOwn(limits, name)) continue;
    const limit = limits[name];
    const r7 = parseQuantity(request);
    const l = parseQuantity(limit);
    if (r7 === void 0 || l === void 0 || r7 <= l) continue;
    reports.push({
      path: [...path11, "requests", name],
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
    if (pod && isRecord(podResources)) {
      reports.push(...compare(podResources.requests, podResources.limits, [...pod.path, "resources"], "the pod"));
    }
    return reports;
  }
});

// src/k8s/resources.ts
function hasResource(map2, name) {
  if (!isRecord(map2) || !Object.hasOwn(map2, name)) return false;
  const value = map2[name];
  return typeof value === "string" && value.trim() !== "" || typeof value === "number";
}
function podLevelHas(ref, field, name) {
  const resources = ref.pod.spec.resources;
  return isRecord(resources) && hasResource(resources[field], name);
}
function resourcesPath(ref) {
  return isRecord(ref.container.resources) ? [...ref.path, "resources"] : ref.path;
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
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  const strategy = isRecord(spec[field]) ? spec[field] : {};
  const rolling = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
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
  const spec = isRecord(object.value.spec) ? object.value.spec : {};
  return typeof spec.replicas === "number" && Number.isInteger(spec.replicas) ? spec.replicas : void 0;
}
var isZero = (v2) => v2 !== void 0 && v2.value === 0;
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
  const count2 = replicas === void 0 || replicas < 2 ? "every replica" : `all ${replicas} replicas`;
  return {
    path: [...s.path, "rollingUpdate", "maxUnavailable"],
    message: `${what(object)} allows maxUnavailable ${formatIntOrPercent(value)}, so a rollout can take down ${count2} at once: lower it (for example 25% or 1) so some pods keep serving`
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
    return (result?.issues ?? []).filter((issue2) => issue2.rule === "schema").map((issue2) => ({ path: issue2.path, message: issue2.message, ...issue2.target ? { target: issue2.target } : {} }));
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
        const at2 = [...containerSecurityContextPath(ref), "seccompProfile", "type"];
        if (type2 === "Unconfined") {
          reports.push({
            path: at2,
            message: `${describeContainer(ref)} sets securityContext.seccompProfile.type: Unconfined and may make any system call: use RuntimeDefault`
          });
        } else if (!isSeccompType(type2)) {
          reports.push({ path: at2, message: `${describeContainer(ref)} ${invalidType(type2)}` });
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
  return entries.length === 0 ? "no labels" : `labels ${entries.map(([k2, v2]) => `${k2}=${v2}`).join(",")}`;
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
  const wanted = Object.entries(selector.matchLabels).filter(([k2]) => !isControllerLabel(k2));
  const shared = /* @__PURE__ */ new Map();
  for (const [k2, v2] of wanted) {
    const pods = index2.podsWithLabel(namespace, k2, v2, NEAR_MISS_POSTING_LIMIT);
    for (const entry of pods ?? []) shared.set(entry, (shared.get(entry) ?? 0) + 1);
  }
  let best;
  let bestCount = 0;
  for (const [entry, count2] of shared) {
    if (count2 > bestCount) {
      best = entry;
      bestCount = count2;
    }
  }
  if (!best) return void 0;
  const labels2 = best.pod.labels;
  const podName = selector.matchLabels[POD_NAME_LABEL];
  if (bestCount === wanted.length && podName !== void 0) {
    const name = fixedNameOf(best.object) ?? "";
    return `${describeObject(best.object)} names its pods ${name}-0, ${name}-1, ..., not ${podName}`;
  }
  const lacks = wanted.filter(([k2, v2]) => labels2[k2] !== v2).map(([k2, v2]) => labels2[k2] === void 0 ? `no ${k2} label` : `${k2}=${labels2[k2] ?? ""}, not ${v2}`);
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
      if (!isRecord(spec) || spec.type === "ExternalName") continue;
      const selector = parseMapSelector(spec.selector);
      if (!selector || isEmptySelector(selector)) continue;
      if (Object.entries(selector.matchLabels).some(([k2, v2]) => ignored.has(`${k2}=${v2}`))) continue;
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
      if (!isRecord(port2)) continue;
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
  if (!isRecord(spec) || !Array.isArray(spec.ports)) return [];
  const out = [];
  spec.ports.forEach((entry, index2) => {
    if (!isRecord(entry)) return;
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
      if (!isRecord(spec) || spec.type === "ExternalName") continue;
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
    const { path: path11, message } = explainUnknown(registry, apiVersion, kind);
    return [{ path: path11, message }];
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

// src/format/sarif.ts
var SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
var SRCROOT = "%SRCROOT%";
var FINGERPRINT_KEY = "kubeLintFinding/v1";
var LEVEL = { error: "error", warning: "warning", info: "note" };
var INTERNAL_ERROR_DESCRIPTOR = {
  id: "internal-error",
  name: "InternalError",
  shortDescription: { text: "kube-lint failed while checking this file." },
  fullDescription: {
    text: "kube-lint failed while checking this file: a rule crashed or the parser failed. The file was not fully checked."
  },
  help: {
    text: "This is a kube-lint bug. Report it with the message and, if you can, the manifest that triggers it.",
    markdown: "This is a kube-lint bug. Report it with the message and, if you can, the manifest that triggers it."
  },
  helpUri: `${INFORMATION_URI}/issues`,
  defaultConfiguration: { level: "error" },
  properties: { category: "internal", tags: ["kubernetes", "internal"] }
};
function sentence(text) {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
function pascalCase(id) {
  const name = id.split("-").map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("");
  return name.toLowerCase() === id.toLowerCase() ? `${name}Check` : name;
}
function descriptorOf(rule) {
  const meta = rule.meta;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: sentence(meta.description) },
    fullDescription: { text: `${sentence(meta.description)} ${sentence(meta.rationale)}` },
    help: {
      text: `${sentence(meta.rationale)}

How to fix: ${sentence(meta.remediation)}`,
      markdown: `**Why:** ${sentence(meta.rationale)}

**How to fix:** ${sentence(meta.remediation)}

[Documentation](${rule.docsUrl})`
    },
    helpUri: rule.docsUrl,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: { category: meta.category, tags: ["kubernetes", meta.category] }
  };
}
function unknownDescriptor(id) {
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: `kube-lint rule ${id}.` },
    fullDescription: { text: `kube-lint rule ${id}.` },
    help: { text: `See the kube-lint documentation of ${id}.`, markdown: `See the kube-lint documentation of \`${id}\`.` },
    defaultConfiguration: { level: "warning" },
    properties: { category: "unknown", tags: ["kubernetes"] }
  };
}
function artifactLocationOf(filePath) {
  if (/^[A-Za-z]:[/\\]/.test(filePath)) {
    return { uri: `file:///${filePath.slice(0, 2)}${encodeSegments(filePath.slice(2).replace(/\\/g, "/"))}` };
  }
  if (filePath.startsWith("/")) return { uri: pathToFileURL(filePath).href };
  return { uri: encodeSegments(filePath), uriBaseId: SRCROOT };
}
function encodeSegments(filePath) {
  return filePath.split("/").map((segment) => encodeURIComponent(segment)).join("/");
}
function folderUri(folder) {
  const href = pathToFileURL(path4.resolve(folder)).href;
  return href.endsWith("/") ? href : `${href}/`;
}
function fingerprintOf(finding) {
  const o = finding.object ?? {};
  const identity = [finding.ruleId, finding.filePath, o.kind ?? "", o.namespace ?? "", o.name ?? "", finding.path, finding.message];
  return createHash("sha256").update(JSON.stringify(identity)).digest("hex").slice(0, 32);
}
function region(finding) {
  const out = { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine };
  if (finding.endLine > finding.line || finding.endColumn > finding.column) out.endColumn = finding.endColumn;
  return out;
}
function notificationOf(notice2) {
  const text = notice2.filePath !== void 0 ? `${notice2.filePath}: ${notice2.message}` : notice2.message;
  const out = { level: LEVEL[notice2.level], message: { text: sentence(text) } };
  if (notice2.filePath !== void 0) out.locations = [{ physicalLocation: { artifactLocation: artifactLocationOf(notice2.filePath) } }];
  return out;
}
function formatSarif(results, options = {}) {
  const ruleSet = options.ruleSet ?? rules;
  const known = new Map(ruleSet.map((rule) => [rule.id, rule]));
  const descriptors = [];
  const indexOf = /* @__PURE__ */ new Map();
  const addDescriptor = (id) => {
    const existing = indexOf.get(id);
    if (existing !== void 0) return existing;
    const rule = known.get(id);
    descriptors.push(rule ? descriptorOf(rule) : id === INTERNAL_ERROR_DESCRIPTOR.id ? INTERNAL_ERROR_DESCRIPTOR : unknownDescriptor(id));
    indexOf.set(id, descriptors.length - 1);
    return descriptors.length - 1;
  };
  const overrides = [];
  for (const { id, severity } of results.rules) {
    const index2 = addDescriptor(id);
    const descriptor = descriptors[index2];
    if (descriptor && descriptor.defaultConfiguration.level !== LEVEL[severity]) {
      overrides.push({ descriptor: { id, index: index2 }, configuration: { level: LEVEL[severity] } });
    }
  }
  const seen = /* @__PURE__ */ new Map();
  const sarifResults = results.files.flatMap(
    (file2) => file2.findings.map((finding) => {
      const ruleIndex = addDescriptor(finding.ruleId);
      const hash = fingerprintOf(finding);
      const occurrence = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, occurrence);
      const location = {
        physicalLocation: { artifactLocation: artifactLocationOf(finding.filePath), region: region(finding) }
      };
      const o = finding.object;
      if (o && (o.kind !== void 0 || o.name !== void 0)) {
        const name = o.name ?? "(unnamed)";
        location.logicalLocations = [
          { name, fullyQualifiedName: [o.kind ?? "object", o.namespace, name].filter((x) => x !== void 0).join("/"), kind: "resource" }
        ];
      }
      const properties = { path: finding.path };
      if (o) properties.object = o;
      if (finding.documentIndex !== void 0) properties.documentIndex = finding.documentIndex;
      return {
        ruleId: finding.ruleId,
        ruleIndex,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [location],
        partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
        properties
      };
    })
  );
  const invocation = {
    executionSuccessful: !results.internalError && results.summary.filesFailed === 0
  };
  if (overrides.length > 0) invocation.ruleConfigurationOverrides = overrides;
  if (results.notices.length > 0) invocation.toolExecutionNotifications = results.notices.map(notificationOf);
  if (options.cwd !== void 0) invocation.workingDirectory = { uri: folderUri(options.cwd) };
  const run2 = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: INFORMATION_URI,
        rules: descriptors
      }
    },
    invocations: [invocation]
  };
  if (options.cwd !== void 0) run2.originalUriBaseIds = { [SRCROOT]: { uri: folderUri(options.cwd) } };
  run2.results = sarifResults;
  run2.columnKind = "utf16CodeUnits";
  run2.properties = { kubernetesVersion: results.kubernetesVersion, summary: results.summary };
  return `${JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs: [run2] }, null, 2)}
`;
}

// src/format/index.ts
var FORMATTERS = {
  stylish: formatStylish,
  compact: formatCompact,
  json: (results) => formatJson(results),
  sarif: (results, options) => formatSarif(results, options.cwd !== void 0 ? { cwd: options.cwd } : {}),
  junit: (results) => formatJunit(results),
  github: (results) => formatGithub(results)
};
function isFormatName(name) {
  return Object.hasOwn(FORMATTERS, name);
}
function formatResults(results, format, options = {}) {
  return FORMATTERS[format](results, options);
}

// src/lint.ts
import path9 from "node:path";

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
  while (start <= length && !result.tooDeep && !result.tooManyNodes && !result.tooManyDocuments && !result.tooManyAliases) {
    line++;
    let end = text.indexOf("\n", start);
    if (end < 0) end = length;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === CR) stop--;
    const next = end + 1;
    const c = (i2) => i2 < stop ? text.charCodeAt(i2) : NL;
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
      let j2 = from;
      while (j2 < stop) {
        const ch = text.charCodeAt(j2);
        if (q === DQUOTE && ch === BACKSLASH) {
          j2 += 2;
          continue;
        }
        if (ch === q) {
          if (q === SQUOTE && c(j2 + 1) === SQUOTE) {
            j2 += 2;
            continue;
          }
          return j2 + 1;
        }
        j2++;
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
  const path11 = [];
  const onPath = /* @__PURE__ */ new Set([root]);
  const stack = [{ value: root, keys: Array.isArray(root) ? [] : Object.keys(root), next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (!frame) break;
    const size = Array.isArray(frame.value) ? frame.value.length : frame.keys.length;
    if (frame.next >= size) {
      stack.pop();
      onPath.delete(frame.value);
      path11.pop();
      continue;
    }
    const key3 = Array.isArray(frame.value) ? frame.next : frame.keys[frame.next] ?? "";
    frame.next++;
    const child = Array.isArray(frame.value) ? frame.value[key3] : frame.value[key3];
    nodes++;
    if (nodes > limits.maxNodes) return { problem: { kind: "size", path: [...path11, key3] }, nodes };
    if (!isContainer(child)) continue;
    if (onPath.has(child)) return { problem: { kind: "cycle", path: [...path11, key3] }, nodes };
    if (stack.length + 1 > limits.maxDepth) return { problem: { kind: "depth", path: [...path11, key3] }, nodes };
    path11.push(key3);
    onPath.add(child);
    stack.push({ value: child, keys: Array.isArray(child) ? [] : Object.keys(child), next: 0 });
  }
  return { nodes };
}

// src/load/read.ts
import { constants as constants2, promises as fs2 } from "node:fs";
var DEFAULT_MAX_FILE_BYTES = DEFAULT_LIMITS.maxFileBytes;
var READ_CONCURRENCY = 8;
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
    const at2 = firstInvalidUtf8(buffer);
    const line = buffer.subarray(0, at2).reduce((n, byte) => byte === 10 ? n + 1 : n, 1);
    return {
      ok: false,
      status: "failed",
      reason: `not valid UTF-8 (first bad byte at offset ${at2}, line ${line}): save the file as UTF-8`
    };
  }
}
function firstInvalidUtf8(buffer) {
  let i = 0;
  while (i < buffer.length) {
    const b = buffer[i] ?? 0;
    const need = b < 128 ? 0 : b >= 194 && b <= 223 ? 1 : b >= 224 && b <= 239 ? 2 : b >= 240 && b <= 244 ? 3 : -1;
    if (need < 0) return i;
    for (let k2 = 1; k2 <= need; k2++) {
      const c = buffer[i + k2];
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
function reasonOf(error2) {
  const code = error2.code;
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
      return `cannot read: ${error2 instanceof Error ? error2.message : String(error2)}`;
  }
}
var OPEN_FLAGS = constants2.O_RDONLY | (constants2.O_NONBLOCK ?? 0);
async function readManifest(absolutePath, maxBytes = DEFAULT_MAX_FILE_BYTES) {
  let handle;
  try {
    handle = await fs2.open(absolutePath, OPEN_FLAGS);
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, status: "failed", reason: "not a regular file" };
    if (stat.size > maxBytes) return { ok: false, status: "failed", reason: tooLargeReason(stat.size, maxBytes) };
    const chunks = [];
    let total = 0;
    for (; ; ) {
      const want = Math.min(total < stat.size ? stat.size - total + 1 : 1 << 16, maxBytes + 1 - total, 1 << 20);
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { ok: false, status: "failed", reason: tooLargeReason(void 0, maxBytes) };
    }
    return decodeBuffer(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, total));
  } catch (error2) {
    return { ok: false, status: "failed", reason: reasonOf(error2) };
  } finally {
    await handle?.close().catch(() => void 0);
  }
}
async function* readManifests(files, options = {}) {
  const concurrency = Math.max(1, options.concurrency ?? READ_CONCURRENCY);
  const pending = [];
  let next = 0;
  const fill = () => {
    while (next < files.length && pending.length < concurrency) {
      const file2 = files[next++];
      if (file2) pending.push(readManifest(file2.absolutePath, options.maxBytes));
    }
  };
  for (let i = 0; i < files.length; i++) {
    fill();
    const outcome = await pending.shift();
    const file2 = files[i];
    if (outcome && file2) yield [file2, outcome];
  }
}

// src/load/parse.ts
import { createRequire as createRequire3 } from "node:module";

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
  function repeat(string, count2) {
    let result = "";
    for (let cycle = 0; cycle < count2; cycle += 1) {
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
    const re2 = /\r?\n|\r|\0/g;
    const lineStarts = [0];
    const lineEnds = [];
    let match2;
    let foundLineNo = -1;
    while (match2 = re2.exec(mark.buffer)) {
      lineEnds.push(match2.index);
      lineStarts.push(match2.index + match2[0].length);
      if (mark.position <= match2.index && foundLineNo < 0) {
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
    let match2 = YAML_DATE_REGEXP.exec(data);
    if (match2 === null) match2 = YAML_TIMESTAMP_REGEXP.exec(data);
    if (match2 === null) throw new Error("Date resolve error");
    const year = +match2[1];
    const month = +match2[2] - 1;
    const day = +match2[3];
    if (!match2[4]) {
      return new Date(Date.UTC(year, month, day));
    }
    const hour = +match2[4];
    const minute = +match2[5];
    const second = +match2[6];
    if (match2[7]) {
      fraction = match2[7].slice(0, 3);
      while (fraction.length < 3) {
        fraction += "0";
      }
      fraction = +fraction;
    }
    if (match2[9]) {
      const tzHour = +match2[10];
      const tzMinute = +(match2[11] || 0);
      delta = (tzHour * 60 + tzMinute) * 6e4;
      if (match2[9] === "-") delta = -delta;
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
      const match2 = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
      if (match2 === null) {
        throwError(state, "ill-formed argument of the YAML directive");
      }
      const major = parseInt(match2[1], 10);
      const minor = parseInt(match2[2], 10);
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
  function writeFoldedLines(state, count2) {
    if (count2 === 1) {
      state.result += " ";
    } else if (count2 > 1) {
      state.result += common2.repeat("\n", count2 - 1);
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
    let match2;
    while (match2 = lineRe.exec(string)) {
      const prefix = match2[1];
      const line = match2[2];
      moreIndented = line[0] === " ";
      result += prefix + (!prevMoreIndented && !moreIndented && line !== "" ? "\n" : "") + foldLine(line, width);
      prevMoreIndented = moreIndented;
    }
    return result;
  }
  function foldLine(line, width) {
    if (line === "" || line[0] === " ") return line;
    const breakRe = / [^ ]/g;
    let match2;
    let start = 0;
    let end;
    let curr = 0;
    let next = 0;
    let result = "";
    while (match2 = breakRe.exec(line)) {
      next = match2.index;
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
var MAX_FAST_ALIASES = 6;
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
    for (let j2 = i - 1; j2 >= first; j2 -= this.sizeOf(j2)) out.push(j2);
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
  constructor(text, findDuplicates = false) {
    this.text = text;
    this.findDuplicates = findDuplicates;
    this.tree = new Tree(text.length);
  }
  text;
  findDuplicates;
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
      if (this.aliases > MAX_FAST_ALIASES) this.checkAliasBudget(first, node);
      this.roots.push(node);
      this.anchors = /* @__PURE__ */ new Map();
      this.aliases = 0;
    }
  };
  /**
   * Throws unless the `yaml` package's alias budget (maxAliasCount 100) surely holds for the
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
    const bound2 = /* @__PURE__ */ new Map();
    const upper = (node) => {
      const known = bound2.get(node);
      if (known !== void 0) return known;
      let u = 1;
      for (let i = node - tree.sizeOf(node) + 1; i <= node; i++) {
        const target = tree.kindOf(i) === ALIAS ? tree.target.get(i) : void 0;
        if (target !== void 0) u = Math.max(u, (1 + (uses.get(target) ?? 0)) * upper(target));
      }
      bound2.set(node, u);
      return u;
    };
    for (let i = first; i <= root; i++) {
      const target = tree.kindOf(i) === ALIAS ? tree.target.get(i) : void 0;
      if (target === void 0) continue;
      if ((1 + (uses.get(target) ?? 0)) * upper(target) > 100) throw new Unsupported();
      const parent = this.mergeParent(i, first);
      if (parent && hasAlias(target)) throw new Unsupported();
    }
  }
  /** Whether alias node `i` is (an item of) the value of a `<<` merge key. */
  mergeParent(i, first) {
    const tree = this.tree;
    const isMergeKey2 = (key3) => key3 >= first && tree.kindOf(key3) === PLAIN && tree.value[key3] === "<<";
    if (isMergeKey2(i - 1)) return true;
    for (let j2 = i + 1; j2 < tree.count; j2++) {
      if (j2 - tree.sizeOf(j2) + 1 <= i) {
        const kind = tree.kindOf(j2);
        return (kind === SEQ || kind === FLOW_SEQ) && isMergeKey2(j2 - tree.sizeOf(j2));
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
        const k2 = tree.kindOf(last);
        if (kind === "scalar" ? k2 <= BLOCK : kind === null ? k2 === ALIAS : k2 >= MAP) return last;
        throw new Unsupported();
      }
      if (kind === "mapping") return this.mapping(open, from, state.position, result);
      if (kind === "sequence") return this.sequence(open, from, state.position, result);
      for (let j2 = last; j2 >= from; j2 -= tree.sizeOf(j2)) if (tree.kind[j2] !== EMPTY) throw new Unsupported();
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
    for (let j2 = last; j2 >= from; j2 -= tree.sizeOf(j2)) kids++;
    const start = this.contentStart(open);
    const flowStart = this.text.charCodeAt(start) === 123;
    if (flowStart) {
      if (this.text.charCodeAt(end) === 35) throw new Unsupported();
      if (kids % 2 === 1) throw new Unsupported();
      for (let j2 = last; j2 >= from; ) {
        const value = j2;
        const key3 = value - tree.sizeOf(value);
        if (tree.kind[value] === EMPTY || !this.colonAfter(tree.endOf(key3))) throw new Unsupported();
        j2 = key3 - 1;
      }
    } else if (kids % 2 === 1) {
      if (tree.kind[last] !== EMPTY) throw new Unsupported();
      tree.count = last;
      last--;
    }
    if (last < from && !flowStart) throw new Unsupported();
    for (let j2 = last; j2 >= from; ) {
      const key3 = j2 - tree.sizeOf(j2);
      const k2 = tree.kind[key3];
      if (k2 !== PLAIN && k2 !== QUOTED || tree.flags[key3] !== 0 || typeof tree.value[key3] === "object") throw new Unsupported();
      j2 = key3 - 1;
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
    for (let j2 = tree.count - 1; j2 >= from; j2 -= tree.sizeOf(j2)) {
      if (tree.kind[j2] === EMPTY) throw new Unsupported();
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
    for (let j2 = last; j2 >= from; ) {
      const key3 = j2 - tree.sizeOf(j2);
      keys.push(key3);
      j2 = key3 - 1;
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
function segmentsOf(text) {
  const segments = [];
  let current;
  let dotsSeen = false;
  let first = true;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    const at2 = m.index;
    if (first && hasContent(text, 0, at2)) segments.push(current = { marker: -1, end: at2 });
    first = false;
    if (text.startsWith("---", at2)) {
      if (dotsSeen && current && hasContent(text, current.end, at2)) return void 0;
      if (current && !dotsSeen) current.end = at2;
      current = { marker: at2, end: text.length };
      segments.push(current);
      dotsSeen = false;
    } else {
      if (dotsSeen || !current) return void 0;
      const nl = text.indexOf("\n", at2);
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
    let hi2 = starts.length - 1;
    while (lo < hi2) {
      const mid = lo + hi2 + 1 >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi2 = mid - 1;
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
        const cs2 = this.continueScalar(nl + 1, indentNext);
        if (cs2 === -1) break;
        nl = text.indexOf("\n", cs2);
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
        let j2 = nl - 1;
        let c = text[j2];
        if (c === "\r") c = text[--j2];
        const lastChar = j2;
        while (c === " ") c = text[--j2];
        if (c === "\n" && j2 >= pos && j2 + 1 + indent > lastChar) nl = j2;
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
      const dt2 = text.slice(offset, offset + 3);
      const after = text.charCodeAt(offset + 3);
      if ((dt2 === "---" || dt2 === "...") && (Number.isNaN(after) || isBreakOrSpace(after))) return -1;
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
    const v2 = this.tree.value[key3];
    return typeof v2 === "string" || typeof v2 === "number" || typeof v2 === "boolean" ? String(v2) : void 0;
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
  locate(root, path11, target) {
    let current = { node: root, key: -1, owner: 0 };
    let exact = true;
    for (const segment of path11) {
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
function buildTree(text, allowDuplicates = false) {
  const builder = new TreeBuilder(text, allowDuplicates);
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
    let j2 = i - 1;
    while (text.charCodeAt(j2) === 32 || text.charCodeAt(j2) === 9) j2--;
    const c = text.charCodeAt(j2);
    if (!anywhere && j2 >= 0 && c !== 10 && c !== 13 && c !== 58 && c !== 45 && c !== 91 && c !== 123 && c !== 44 && c !== 63) {
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
    let j2 = i - 1;
    while (text.charCodeAt(j2) === 32 || text.charCodeAt(j2) === 9) j2--;
    const c = text.charCodeAt(j2);
    if (j2 < 0 || c === 10 || c === 13 || c === 45 || c === 91 || c === 123 || c === 44) return true;
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
function parseYamlFast(fullText, exact, mode = "auto") {
  const bom = fullText.charCodeAt(0) === 65279 ? 1 : 0;
  const text = bom ? fullText.slice(1) : fullText;
  if (text.charCodeAt(0) === 37 || text.includes("\n%")) return void 0;
  const eager = mode === "eager" || mode === "auto" && (!text.includes("CustomResourceDefinition") || needsEagerTree(text));
  let values;
  let builder;
  try {
    if (eager) ({ values, builder } = buildTree(text));
    else values = loadAll(text, void 0, { schema: SCHEMA });
  } catch (error2) {
    if (!(error2 instanceof YAMLException) || !error2.message.startsWith("duplicated mapping key")) return void 0;
    try {
      ({ values, builder } = buildTree(text, true));
    } catch {
      return void 0;
    }
  }
  const found = segmentsOf(text);
  if (!found) return void 0;
  const { segments, phantom } = found;
  if (values.length !== segments.length + (phantom ? 1 : 0)) return void 0;
  if (builder && builder.roots.length !== values.length) return void 0;
  if (segments.some((segment, i) => segment.marker < 0 && values[i] === null)) return void 0;
  const lines = new Lines(fullText);
  let exactFile;
  const exactDocument = (index2) => {
    exactFile ??= exact();
    return exactFile.documents.find((d) => d.index === index2);
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
        const built = buildTree(slice).builder;
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
      locate(path11, target) {
        const p = positionsOf(index2);
        if (p) {
          try {
            const { start, end, exact: exact2 } = p.locator.locate(p.root, path11, target ?? "value");
            return { ...rangeOf(start + p.base, end + p.base), exact: exact2 };
          } catch (error2) {
            if (!(error2 instanceof Uncertain)) throw error2;
          }
        }
        const located = exactDocument(index2)?.locate(path11, target);
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
    const range2 = { line: lines.line(start), column: lines.column(start), endLine: lines.line(end), endColumn: lines.column(end) };
    return { ...range2, message: "Map keys must be unique", code: "DUPLICATE_KEY", documentIndex: document };
  });
  return { documents, problems };
}

// src/load/parse.ts
var require4 = createRequire3(import.meta.url);
var yamlModule;
function yaml2() {
  return yamlModule ??= require4("yaml");
}
var SOFT_ERRORS = /* @__PURE__ */ new Set(["DUPLICATE_KEY"]);
var DEFAULT_MAX_ALIAS_COUNT = 100;
function parseYaml(text, options = {}) {
  if ((options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT) === DEFAULT_MAX_ALIAS_COUNT) {
    const fast = parseYamlFast(text, () => parseYamlExact(text, options));
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
    for (const error2 of doc.errors) {
      if (!SOFT_ERRORS.has(error2.code)) hard = true;
      const start = Math.min(error2.pos[0], lastContent);
      if (seen.has(start)) continue;
      seen.add(start);
      problems.push({
        ...rangeOf(start, Math.min(Math.max(error2.pos[1], start), lastContent + 1)),
        message: cleanMessage(error2.message),
        code: error2.code,
        documentIndex: index2
      });
    }
    if (hard) return;
    let value;
    try {
      value = datesAsText(doc.toJS({ maxAliasCount: options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT }));
    } catch (error2) {
      const message = error2 instanceof Error ? error2.message : String(error2);
      problems.push({ ...rangeOf(contentStart, contentStart + 1), message: cleanMessage(message), code: "RESOLVE", documentIndex: index2 });
      return;
    }
    documents.push({
      index: index2,
      value,
      startLine,
      endLine,
      contentLine,
      locate: (path11, target) => locateIn(doc, path11, target ?? "value", rangeOf)
    });
  });
  return { documents, problems };
}
function cleanMessage(message) {
  const first = message.split("\n")[0] ?? message;
  return first.replace(/\s+at line \d+, column \d+:?$/, "").trim();
}
function locateIn(doc, path11, target, rangeOf) {
  const { isScalar } = yaml2();
  const root = doc.contents;
  if (!root) return { ...rangeOf(doc.range?.[0] ?? 0, doc.range?.[0] ?? 0), exact: false };
  let current = { node: root };
  let exact = true;
  for (const segment of path11) {
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
  return rules2.filter((r7) => !used.has(r7));
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
function locateSafely(document, path11, target) {
  try {
    return document.locate(path11, target);
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
var Linter = class {
  constructor(config, extras = {}) {
    this.config = config;
    this.ruleById = new Map(config.rules.map((r7) => [r7.rule.id, r7]));
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
  notice(notice2) {
    this.notices.push(notice2);
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
    } catch (error2) {
      this.crash(state, `the YAML parser failed: ${error2.message}`);
      return;
    }
    const kept = new Set(parsed.documents.map((d) => d.index));
    const unparsed = /* @__PURE__ */ new Set();
    for (const problem of parsed.problems) {
      const { message, code, documentIndex, ...range2 } = problem;
      const label = code === "DUPLICATE_KEY" ? "duplicate key" : "YAML syntax error";
      const finding = { ...range2, message: `${label}: ${message}`, filePath, path: "", pathSegments: [], documentIndex };
      if (kept.has(documentIndex)) {
        this.push(state, YAML_SYNTAX_RULE, finding);
      } else {
        unparsed.add(documentIndex);
        this.pushFatal(state, range2, finding.message, documentIndex);
      }
    }
    const budget = { nodes: 2 * limits.maxNodes };
    for (const document of parsed.documents) {
      try {
        this.addDocument(state, document, unparsed, budget);
      } catch (error2) {
        this.crash(state, `reading document ${document.index + 1} failed: ${error2 instanceof Error ? error2.message : String(error2)}`);
      }
    }
    state.result.unparsedDocuments = (state.result.unparsedDocuments ?? 0) + unparsed.size;
  }
  addDocument(state, document, unparsed, budget) {
    state.spans.push(document);
    const limits = { maxDepth: this.limits.maxDepth, maxNodes: Math.min(this.limits.maxNodes, budget.nodes) };
    const { problem, nodes } = measureValue(document.value, limits);
    budget.nodes = Math.max(0, budget.nodes - nodes);
    if (problem) {
      unparsed.add(document.index);
      const range2 = locateSafely(document, problem.kind === "size" ? [] : problem.path, "key");
      this.pushFatal(state, range2, VALUE_PROBLEMS[problem.kind](limits), document.index);
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
      this.runObjectRules(state, object);
    }
  }
  /** A `yaml-syntax` error that kept (part of) the file from being linted: reported whatever the config says. */
  pushFatal(state, range2, message, documentIndex) {
    const resolved = this.ruleById.get(YAML_SYNTAX_RULE);
    const finding = {
      ruleId: YAML_SYNTAX_RULE,
      severity: "error",
      line: range2.line,
      column: range2.column,
      endLine: range2.endLine,
      endColumn: range2.endColumn,
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
  runObjectRules(state, object) {
    for (const resolved of this.config.rules) {
      const { rule, options } = resolved;
      if (!isObjectRule(rule)) continue;
      let reports;
      try {
        reports = rule.check({ object, options, env: this.env });
      } catch (error2) {
        this.ruleCrash(state, rule.id, object, error2);
        continue;
      }
      for (const report of reports) this.report(state, rule.id, object.document, object.basePath, report, object);
    }
  }
  ruleCrash(state, ruleId, object, error2) {
    const what2 = object ? ` on ${describeObject(object)}` : "";
    const detail = error2 instanceof Error ? error2.message : String(error2);
    this.internalError = true;
    const range2 = object ? locateSafely(object.document, object.basePath) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    this.push(state, INTERNAL_ERROR_RULE, {
      line: range2.line,
      column: range2.column,
      endLine: range2.endLine,
      endColumn: range2.endColumn,
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
    const range2 = locateSafely(document, full, report.target);
    this.push(
      state,
      ruleId,
      {
        line: range2.line,
        column: range2.column,
        endLine: range2.endLine,
        endColumn: range2.endColumn,
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
  /** Runs cross-resource rules, applies suppressions, sorts and counts. */
  finish() {
    for (const resolved of this.config.rules) {
      const { rule, options } = resolved;
      if (!isRunRule(rule)) continue;
      try {
        const reports = rule.checkRun({ objects: this.objects, options, env: this.env });
        for (const report of reports) {
          const state = this.stateOf(report.object.filePath);
          this.report(state, rule.id, report.object.document, report.object.basePath, report, report.object);
        }
      } catch (error2) {
        const first = this.objects[0];
        this.ruleCrash(this.stateOf(first?.filePath ?? "<run>"), rule.id, void 0, error2);
      }
    }
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
    const results = files.map((s) => s.result);
    const sum = (pick) => results.reduce((n, r7) => n + pick(r7), 0);
    return {
      files: results,
      notices: this.notices,
      summary: {
        files: results.length,
        filesLinted: results.filter((r7) => r7.status === "linted").length,
        filesSkipped: results.filter((r7) => r7.status === "skipped").length,
        filesFailed: results.filter((r7) => r7.status === "failed").length,
        objects: sum((r7) => r7.objectCount),
        skippedDocuments: sum((r7) => r7.skippedDocuments),
        unparsedDocuments: sum((r7) => r7.unparsedDocuments ?? 0),
        errors: sum((r7) => r7.errorCount),
        warnings: sum((r7) => r7.warningCount),
        infos: sum((r7) => r7.infoCount),
        suppressed
      },
      rules: this.config.rules.map((r7) => ({ id: r7.rule.id, severity: r7.severity })),
      kubernetesVersion: this.config.kubernetesVersion,
      internalError: this.internalError
    };
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
      const what2 = unused[0] === "all" ? "any rule" : unused.map((r7) => `"${r7}"`).join(", ");
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
      const range2 = locateSafely(object.document, full);
      const what2 = unused[0] === "all" ? "any rule" : unused.map((r7) => `"${r7}"`).join(", ");
      out.push({
        ...base,
        line: range2.line,
        column: range2.column,
        endLine: range2.endLine,
        endColumn: range2.endColumn,
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

// src/load/files.ts
import { promises as fs4 } from "node:fs";
import path6 from "node:path";
var MANIFEST_EXTENSIONS = [".yaml", ".yml", ".json"];
var SKIPPED_FOLDERS = /* @__PURE__ */ new Set(["node_modules", ".git"]);
function displayPathOf(absolutePath, cwd) {
  const relative = path6.relative(cwd, absolutePath);
  const shown = relative === "" || relative.startsWith("..") || path6.isAbsolute(relative) ? absolutePath : relative;
  return shown.split(path6.sep).join("/");
}
var CONFIG_NAMES = /* @__PURE__ */ new Set([".kube-lint.yaml", ".kube-lint.yml", ".kube-lint.json"]);
function isManifestName(name) {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext2) => lower.endsWith(ext2)) && !CONFIG_NAMES.has(path6.basename(lower));
}
function errorText(error2) {
  const code = error2?.code;
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
      return error2 instanceof Error ? error2.message : String(error2);
  }
}
function isWithin(target, folder) {
  const relative = path6.relative(folder, target);
  return relative === "" || !relative.startsWith("..") && !path6.isAbsolute(relative);
}
async function collectFiles(inputs, options) {
  const { cwd } = options;
  const ignore = (options.ignore ?? []).filter(({ patterns }) => patterns.length > 0);
  const Minimatch2 = ignore.length > 0 ? (await Promise.resolve().then(() => (init_esm3(), esm_exports))).Minimatch : void 0;
  const matchers = [];
  for (const { patterns, base } of ignore) {
    for (const pattern of patterns) {
      const trimmed = pattern.replace(/\/+$/, "");
      if (Minimatch2) matchers.push({ base, matcher: new Minimatch2(trimmed, { dot: true, matchBase: !trimmed.includes("/") }) });
    }
  }
  const isIgnored = (absolute) => matchers.some(({ base, matcher }) => {
    const relative = path6.relative(base, absolute).split(path6.sep).join("/");
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
  const realCwd = await fs4.realpath(cwd).catch(() => cwd);
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
      entries = await fs4.readdir(folder, { withFileTypes: true });
    } catch (error2) {
      problems.push({ path: displayPathOf(folder, cwd), message: `cannot read folder: ${errorText(error2)}`, kind: "unreadable" });
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
      const child = path6.join(folder, entry.name);
      if (isIgnored(child)) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let childReal = path6.join(real, entry.name);
      if (entry.isSymbolicLink()) {
        if (SKIPPED_FOLDERS.has(entry.name)) continue;
        try {
          childReal = await fs4.realpath(child);
          const stat = await fs4.stat(childReal);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
        } catch (error2) {
          if (isManifestName(entry.name)) {
            problems.push({ path: displayPathOf(child, cwd), message: `broken symbolic link: ${errorText(error2)}`, kind: "unreadable" });
          }
          continue;
        }
        if (!(isDir || isFile && isManifestName(entry.name))) continue;
        if (!isWithin(childReal, root) && !isWithin(childReal, realCwd)) {
          problems.push({
            path: displayPathOf(child, cwd),
            message: `symbolic link to ${childReal}, outside ${path6.relative(realCwd, root) === "" ? "." : displayPathOf(root, cwd)}: not followed`,
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
    const absolute = path6.resolve(cwd, input);
    let stat;
    try {
      stat = await fs4.stat(absolute);
    } catch (error2) {
      const code = error2.code;
      const globber = code === "ENOENT" ? await Promise.resolve().then(() => (init_index_min(), index_min_exports)) : void 0;
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
        for (const match2 of manifests) {
          const real2 = await fs4.realpath(match2).catch(() => match2);
          if (real2 !== match2 && !isWithin(real2, realCwd)) {
            problems.push({
              path: displayPathOf(match2, cwd),
              message: `symbolic link to ${real2}, outside .: not followed`,
              kind: "outside"
            });
            continue;
          }
          add(match2, real2);
        }
        continue;
      }
      problems.push({ path: input, message: errorText(error2), kind: code === "ENOENT" ? "missing" : "unreadable" });
      continue;
    }
    let real;
    try {
      real = await fs4.realpath(absolute);
    } catch (error2) {
      problems.push({ path: input, message: errorText(error2), kind: "unreadable" });
      continue;
    }
    if (stat.isDirectory()) await walk(absolute, real, [], real);
    else add(absolute, real);
  }
  const files = [...found.values()].sort((a, b) => a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0);
  return { files, problems };
}

// src/schema/sources.ts
import { readdirSync as readdirSync2, readFileSync as readFileSync5, statSync as statSync3 } from "node:fs";
import path8 from "node:path";

// src/schema/catalog.ts
import { readdirSync, statSync as statSync2 } from "node:fs";
import path7 from "node:path";
function scanCatalog(dir) {
  const out = [];
  for (const group of readdirSync(dir).sort()) {
    const groupDir = path7.join(dir, group);
    if (!statSync2(groupDir).isDirectory()) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const m = /^(.+)_([^_]+)\.json$/.exec(name);
      if (!m?.[1] || !m[2]) continue;
      out.push({ group, version: m[2], kind: m[1].toLowerCase(), file: path7.join(groupDir, name) });
    }
  }
  return out;
}

// src/schema/sources.ts
function fail2(origin, message) {
  throw origin === "cli" ? new UsageError(message) : new ConfigError(message);
}
function statOf(p, flag) {
  const absolute = path8.resolve(p.base, p.path);
  try {
    return { absolute, isDirectory: statSync3(absolute).isDirectory() };
  } catch {
    return fail2(p.origin, `${flag} ${p.path}: no such file or folder`);
  }
}
function manifestFiles(dir) {
  const out = [];
  for (const entry of readdirSync2(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
    const child = path8.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...manifestFiles(child));
    else if (MANIFEST_EXTENSIONS.some((ext2) => entry.name.toLowerCase().endsWith(ext2))) out.push(child);
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
    ...options.cache ? { cache: options.cache } : {}
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
        text = readFileSync5(file2, "utf8");
      } catch (error2) {
        return fail2(crd.origin, `${flag} ${file2}: cannot read: ${error2.message}`);
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
function prepareConfig(options = {}) {
  const cwd = path9.resolve(options.cwd ?? process.cwd());
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
    ...options.validatorCache ? { cache: options.validatorCache } : {}
  });
}
function addSources(linter, setup, sources) {
  for (const source of sources) {
    if (!mayHoldCrd(source.text)) continue;
    try {
      source.parsed = parseYaml(source.text);
    } catch {
      continue;
    }
    for (const crd of crdsOfParsed(source.parsed, source.name)) setup.registry.addCrd(crd, source.name);
  }
  for (const source of sources) linter.addSource(source.name, source.text, source.parsed);
  for (const [what2, message] of setup.registry.brokenSchemas) {
    linter.notice({ level: "warning", message: `${what2.replace("\n", " ")} is not validated: its schema does not compile (${message})` });
  }
}
async function lint(inputs, options = {}) {
  const cwd = path9.resolve(options.cwd ?? process.cwd());
  const { resolved } = prepareConfig(options);
  const setup = schemaSetup(resolved, options, cwd);
  const linter = new Linter(resolved, { schemas: setup.registry, limits: limitsOf(options) });
  for (const warning2 of setup.warnings) linter.notice({ level: "warning", ...warning2 });
  const { maxFileBytes, maxHeapFraction } = linter.limits;
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
  let done = 0;
  const heap = new HeapGuard(maxHeapFraction, options.readHeap);
  for await (const [file2, outcome] of readManifests(files, { maxBytes: maxFileBytes })) {
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
  addSources(linter, setup, sources);
  return linter.finish();
}

// src/action.ts
var FAIL_ON = ["error", "warning", "never"];
var ANNOTATIONS_SHOWN = 10;
var SUMMARY_ROWS = 50;
var ANNOTATE = { error, warning, notice };
function readInputs() {
  const paths = getInput("path").split(/\s+/).filter((p) => p !== "");
  const failOn = getInput("fail-on") || "error";
  if (!FAIL_ON.includes(failOn)) {
    throw new UsageError(`input fail-on takes ${FAIL_ON.join(", ")}, got "${failOn}"`);
  }
  const format = getInput("format") || "stylish";
  if (!isFormatName(format) || format === "github") {
    const names = Object.keys(FORMATTERS).filter((f) => f !== "github");
    throw new UsageError(`input format takes ${names.join(", ")} (annotations are always written), got "${format}"`);
  }
  return {
    paths: paths.length > 0 ? paths : ["."],
    config: getInput("config"),
    kubernetesVersion: getInput("kubernetes-version"),
    failOn,
    sarifFile: getInput("sarif-file"),
    format
  };
}
function escapeHtml(value) {
  return value.replace(/[&<>"'`*_[\]|\\~#!@]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\r?\n/g, " ");
}
function annotate(results) {
  for (const file2 of results.files) {
    if (file2.status !== "linted") {
      const report = file2.status === "failed" ? error : warning;
      report(`${file2.status}: ${file2.reason ?? ""}`, { file: file2.filePath, title: TOOL_NAME });
    }
    for (const finding of file2.findings) {
      ANNOTATE[ANNOTATION_COMMAND[finding.severity]](finding.message, annotationOf(finding));
    }
  }
  const reported = new Set(results.files.map((f) => f.filePath));
  for (const notice2 of results.notices) {
    if (notice2.filePath !== void 0 && reported.has(notice2.filePath)) continue;
    const report = ANNOTATE[ANNOTATION_COMMAND[notice2.level]];
    report(notice2.message, notice2.filePath !== void 0 ? { file: notice2.filePath, title: TOOL_NAME } : { title: TOOL_NAME });
  }
}
async function writeSummary(results) {
  const s = results.summary;
  const summary2 = summary.addHeading(`${TOOL_NAME} ${escapeHtml(VERSION)}`, 2).addRaw(`<p>${escapeHtml(summaryLine(results))}</p>`, true);
  if (s.filesFailed > 0 || results.internalError) {
    summary2.addRaw(`<p><strong>Not every file was linted:</strong> ${plural(s.filesFailed, "file")} failed.</p>`, true);
  }
  const byRule = /* @__PURE__ */ new Map();
  for (const finding of results.files.flatMap((f) => f.findings)) {
    const entry = byRule.get(finding.ruleId) ?? { severity: finding.severity, count: 0, docsUrl: finding.docsUrl };
    entry.count++;
    byRule.set(finding.ruleId, entry);
  }
  if (byRule.size > 0) {
    const rows = [...byRule.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
    summary2.addHeading("Findings by rule", 3).addTable([
      [
        { data: "Rule", header: true },
        { data: "Severity", header: true },
        { data: "Findings", header: true }
      ],
      ...rows.map(([id, { severity, count: count2, docsUrl }]) => [
        docsUrl !== void 0 ? `<a href="${escapeHtml(docsUrl)}">${escapeHtml(id)}</a>` : escapeHtml(id),
        severity,
        String(count2)
      ])
    ]);
  }
  const files = results.files.filter((f) => f.status !== "linted" || f.findings.length > 0);
  if (files.length > 0) {
    summary2.addHeading("Findings by file", 3).addTable([
      [
        { data: "File", header: true },
        { data: "Errors", header: true },
        { data: "Warnings", header: true },
        { data: "Infos", header: true },
        { data: "Status", header: true }
      ],
      ...files.map((f) => [
        `<code>${escapeHtml(f.filePath)}</code>`,
        String(f.errorCount),
        String(f.warningCount),
        String(f.infoCount),
        f.status === "linted" ? "linted" : `${f.status}: ${escapeHtml(f.reason ?? "")}`
      ])
    ]);
  }
  const findings = results.files.flatMap((f) => f.findings);
  if (findings.length > 0) {
    summary2.addHeading("Findings", 3).addTable([
      [
        { data: "Location", header: true },
        { data: "Severity", header: true },
        { data: "Rule", header: true },
        { data: "Message", header: true }
      ],
      ...findings.slice(0, SUMMARY_ROWS).map((f) => [
        `<code>${escapeHtml(`${f.filePath}:${f.line}:${f.column}`)}</code>`,
        f.severity,
        escapeHtml(f.ruleId),
        escapeHtml(f.message)
      ])
    ]);
    if (findings.length > SUMMARY_ROWS) summary2.addRaw(`<p>… and ${findings.length - SUMMARY_ROWS} more: see the log.</p>`, true);
    const counts2 = [s.errors, s.warnings, s.infos];
    if (counts2.some((n) => n > ANNOTATIONS_SHOWN)) {
      summary2.addRaw(
        `<p>GitHub shows at most ${ANNOTATIONS_SHOWN} annotations of each level per step; every finding is in the log.</p>`,
        true
      );
    }
  }
  await summary2.write();
}
function failureMessage(results, code, failOn) {
  const s = results.summary;
  if (code === EXIT_ERROR) {
    return results.internalError ? "kube-lint hit an internal error: see the annotations, and please report it" : `kube-lint could not lint every input: ${plural(s.filesFailed, "file")} failed`;
  }
  if (code === EXIT_FINDINGS) {
    const counted = failOn === "warning" ? `${plural(s.errors, "error")} and ${plural(s.warnings, "warning")}` : plural(s.errors, "error");
    return `kube-lint found ${counted} (fail-on: ${failOn})`;
  }
  return void 0;
}
async function run() {
  const inputs = readInputs();
  const workspace = path10.resolve(process.env.GITHUB_WORKSPACE ?? process.cwd());
  const options = { cwd: workspace };
  if (inputs.config !== "") options.configFile = path10.resolve(workspace, inputs.config);
  if (inputs.kubernetesVersion !== "") options.kubernetesVersion = inputs.kubernetesVersion;
  info(`${TOOL_NAME} ${VERSION}: linting ${inputs.paths.join(" ")} in ${workspace}`);
  const results = await lint(inputs.paths, options);
  startGroup(`${TOOL_NAME} report (${inputs.format})`);
  info(formatResults(results, inputs.format, { color: !process.env.NO_COLOR, cwd: workspace }).replace(/\n$/, ""));
  endGroup();
  annotate(results);
  if (inputs.sarifFile !== "") {
    const target = path10.resolve(workspace, inputs.sarifFile);
    mkdirSync(path10.dirname(target), { recursive: true });
    writeFileSync(target, formatSarif(results, { cwd: workspace }));
    info(`SARIF written to ${target}`);
    setOutput("sarif-file", target);
  }
  setOutput("errors", results.summary.errors);
  setOutput("warnings", results.summary.warnings);
  if (process.env.GITHUB_STEP_SUMMARY) await writeSummary(results);
  info(summaryLine(results));
  const code = exitCodeOf(results, { failOn: inputs.failOn });
  const message = failureMessage(results, code, inputs.failOn);
  if (message !== void 0) setFailed(message);
}
try {
  await run();
} catch (thrown) {
  if (thrown instanceof UsageError || thrown instanceof ConfigError) setFailed(thrown.message);
  else setFailed(`kube-lint internal error: ${thrown instanceof Error ? thrown.stack ?? thrown.message : String(thrown)}`);
}
