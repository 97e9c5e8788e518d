/**
 * Retrowalk dashboard card: one person's backward-walking session.
 *
 * A plain web component (no build step), served and registered by the integration.
 * The countdown is computed here from the session switch's `finishes_at` attribute
 * (corrected for the browser's clock skew, see `ClockSkew`) and redrawn once a second
 * while a session runs; Home Assistant writes no state for it.
 * Entities are found through the chosen device: `hass.entities` gives each entity's
 * device_id, platform and translation_key.
 */

const DOMAIN = "retrowalk";
const CARD = "retrowalk-card";
const EDITOR = "retrowalk-card-editor";
const RING_RADIUS = 45;
const RING_LENGTH = 2 * Math.PI * RING_RADIUS;

/** The card's own texts; entity states and reasons come from the integration's translations. */
const TEXTS = {
  en: {
    name: "Retrowalk",
    description: "Backward-walking session: countdown, controls, live figures and safety.",
    device: "Person (Retrowalk device)",
    choose_device: "Choose a person in the card's settings.",
    missing: "The Retrowalk entities of this person were not found. Is the person still set up in Settings → Devices & services?",
    time_left: "Time left",
    start: "Start",
    pause: "Pause",
    resume: "Resume",
    stop: "Stop",
    start_label: "Start a session for {name}",
    pause_label: "Pause the session of {name}",
    resume_label: "Resume the session of {name}",
    stop_label: "Stop the session of {name}",
    speed: "Pace",
    distance: "Distance",
    energy: "Energy",
    next: "Next session",
    minutes: "{minutes} min",
    changed: "changed for this start",
    verdict_ok: "Safe to start",
    verdict_warn: "Start with care",
    verdict_block: "A start would be refused",
    paused: "Paused",
    idle: "Ready",
    start_warning: "Started with a safety warning",
  },
  de: {
    name: "Retrowalk",
    description: "Rückwärtsgehen: Countdown, Steuerung, Live-Werte und Sicherheit.",
    device: "Person (Retrowalk-Gerät)",
    choose_device: "Wähle in den Karteneinstellungen eine Person.",
    missing: "Die Retrowalk-Entitäten dieser Person wurden nicht gefunden. Ist die Person unter Einstellungen → Geräte & Dienste noch eingerichtet?",
    time_left: "Verbleibend",
    start: "Start",
    pause: "Pause",
    resume: "Weiter",
    stop: "Stopp",
    start_label: "Einheit für {name} starten",
    pause_label: "Einheit von {name} pausieren",
    resume_label: "Einheit von {name} fortsetzen",
    stop_label: "Einheit von {name} beenden",
    speed: "Tempo",
    distance: "Strecke",
    energy: "Energie",
    next: "Nächste Einheit",
    minutes: "{minutes} Min.",
    changed: "für diesen Start geändert",
    verdict_ok: "Start möglich",
    verdict_warn: "Mit Vorsicht starten",
    verdict_block: "Ein Start würde abgelehnt",
    paused: "Pausiert",
    idle: "Bereit",
    start_warning: "Mit Sicherheitswarnung gestartet",
  },
  fr: {
    name: "Retrowalk",
    description: "Séance de marche arrière : compte à rebours, commandes, valeurs en direct et sécurité.",
    device: "Personne (appareil Retrowalk)",
    choose_device: "Choisissez une personne dans les réglages de la carte.",
    missing: "Les entités Retrowalk de cette personne sont introuvables. La personne est-elle encore configurée dans Paramètres → Appareils et services ?",
    time_left: "Temps restant",
    start: "Démarrer",
    pause: "Pause",
    resume: "Reprendre",
    stop: "Arrêter",
    start_label: "Démarrer une séance pour {name}",
    pause_label: "Mettre en pause la séance de {name}",
    resume_label: "Reprendre la séance de {name}",
    stop_label: "Arrêter la séance de {name}",
    speed: "Allure",
    distance: "Distance",
    energy: "Énergie",
    next: "Prochaine séance",
    minutes: "{minutes} min",
    changed: "modifié pour ce départ",
    verdict_ok: "Démarrage possible",
    verdict_warn: "Démarrer avec prudence",
    verdict_block: "Un démarrage serait refusé",
    paused: "En pause",
    idle: "Prêt",
    start_warning: "Séance démarrée avec un avertissement de sécurité",
  },
  es: {
    name: "Retrowalk",
    description: "Sesión de marcha atrás: cuenta atrás, controles, valores en vivo y seguridad.",
    device: "Persona (dispositivo Retrowalk)",
    choose_device: "Elige una persona en los ajustes de la tarjeta.",
    missing: "No se encontraron las entidades de Retrowalk de esta persona. ¿Sigue configurada en Ajustes → Dispositivos y servicios?",
    time_left: "Tiempo restante",
    start: "Iniciar",
    pause: "Pausa",
    resume: "Reanudar",
    stop: "Detener",
    start_label: "Iniciar una sesión para {name}",
    pause_label: "Pausar la sesión de {name}",
    resume_label: "Reanudar la sesión de {name}",
    stop_label: "Detener la sesión de {name}",
    speed: "Ritmo",
    distance: "Distancia",
    energy: "Energía",
    next: "Próxima sesión",
    minutes: "{minutes} min",
    changed: "cambiado para este inicio",
    verdict_ok: "Se puede iniciar",
    verdict_warn: "Iniciar con cuidado",
    verdict_block: "Un inicio sería rechazado",
    paused: "En pausa",
    idle: "Listo",
    start_warning: "Sesión iniciada con un aviso de seguridad",
  },
  nl: {
    name: "Retrowalk",
    description: "Achteruitlopen: aftelling, bediening, live waarden en veiligheid.",
    device: "Persoon (Retrowalk-apparaat)",
    choose_device: "Kies een persoon in de instellingen van de kaart.",
    missing: "De Retrowalk-entiteiten van deze persoon zijn niet gevonden. Is de persoon nog ingesteld onder Instellingen → Apparaten en diensten?",
    time_left: "Resterend",
    start: "Start",
    pause: "Pauze",
    resume: "Hervat",
    stop: "Stop",
    start_label: "Start een sessie voor {name}",
    pause_label: "Pauzeer de sessie van {name}",
    resume_label: "Hervat de sessie van {name}",
    stop_label: "Stop de sessie van {name}",
    speed: "Tempo",
    distance: "Afstand",
    energy: "Energie",
    next: "Volgende sessie",
    minutes: "{minutes} min",
    changed: "gewijzigd voor deze start",
    verdict_ok: "Veilig om te starten",
    verdict_warn: "Start met zorg",
    verdict_block: "Een start zou worden geweigerd",
    paused: "Gepauzeerd",
    idle: "Klaar",
    start_warning: "Gestart met een veiligheidswaarschuwing",
  },
};

/** The card's texts in the user's language (region ignored), English as fallback. */
function texts(hass) {
  const language = (hass?.locale?.language || hass?.language || navigator.language || "en")
    .toLowerCase()
    .split("-")[0];
  return TEXTS[language] || TEXTS.en;
}

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_match, key) => String(values[key] ?? ""));
}

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Seconds from a timer-style "H:MM:SS" attribute. */
function parseHms(value) {
  if (typeof value !== "string") return null;
  const parts = value.split(":").map(Number);
  if (parts.length !== 3 || parts.some((part) => Number.isNaN(part))) return null;
  return parts[0] * 3600 + parts[1] * 60 + parts[2];
}

/** "M:SS" below an hour, "H:MM:SS" from an hour on. */
function formatClock(seconds) {
  const whole = Math.max(0, Math.ceil(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = String(whole % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${secs}` : `${minutes}:${secs}`;
}

/** The person's entity ids by "<domain>.<translation_key>", from the device's registry entries. */
export function findEntities(hass, deviceId) {
  const found = {};
  for (const entry of Object.values(hass?.entities || {})) {
    if (entry.device_id === deviceId && entry.platform === DOMAIN && entry.translation_key) {
      found[`${entry.entity_id.split(".")[0]}.${entry.translation_key}`] = entry.entity_id;
    }
  }
  return found;
}

/** The first device that has Retrowalk entities, for a new card. */
function firstDevice(hass) {
  const entry = Object.values(hass?.entities || {}).find(
    (item) => item.platform === DOMAIN && item.device_id,
  );
  return entry?.device_id;
}

/**
 * Seconds left and the share of the session left, at `now` (ms, server clock).
 * `finishes_at` is the server's time: pass `Date.now()` corrected by `ClockSkew`.
 */
export function countdown(session, now) {
  const attributes = session?.attributes || {};
  const duration = parseHms(attributes.duration);
  if (session?.state !== "on" || !duration) return null;
  let left;
  if (attributes.finishes_at) {
    left = (Date.parse(attributes.finishes_at) - now) / 1000;
  } else {
    left = parseHms(attributes.remaining) ?? duration; // paused: frozen at the pause
  }
  left = Math.min(Math.max(left, 0), duration);
  return { left, share: left / duration, paused: !attributes.finishes_at };
}

/**
 * How far the browser's clock runs ahead of the server's (ms), so a wrong browser
 * clock does not shift the countdown. Each state update that arrives live gives
 * `arrival - last_updated` = skew + delivery delay; the delay is never negative, so
 * the smallest of the recent samples is the best estimate (a few ms too high).
 * The first sighting of a state is no sample (it may be hours old), nor is a state
 * that is not newer than the one seen before (a reconnect replays old states).
 * After an absence (a reconnect, a tab shown again, the card put back on the page) the
 * first update with news carries the states changed meanwhile, late: no samples from it
 * (see `resync`). A sample more than `bound` ms above the estimate is a late delivery and
 * dropped, unless `samples` of them in a row say that the browser's clock was set anew.
 * Until a live update arrives the clocks are assumed to agree.
 */
export class ClockSkew {
  constructor(samples = 5, bound = 2000) {
    this._samples = samples;
    this._bound = bound;
    this._updated = new Map();
    this._recent = [];
    this._late = [];
    this._resync = false;
  }

  /** The next update with news may be a replay of an absence: take no sample from it. */
  resync() {
    this._resync = this._updated.size > 0; // else every state is a first sighting anyway
    this._late = []; // an absence breaks a row of late samples
  }

  /**
   * Note the states as they arrive (at `now`, browser ms); `live` false (a hidden tab,
   * no connection) only notes them, as their arrival time says nothing.
   */
  observe(stateObjs, now, live = true) {
    let news = false;
    for (const stateObj of stateObjs) {
      const updated = Date.parse(stateObj?.last_updated);
      if (Number.isNaN(updated)) continue;
      const before = this._updated.get(stateObj.entity_id);
      this._updated.set(stateObj.entity_id, updated);
      if (before === undefined || updated <= before) continue;
      news = true;
      if (live && !this._resync) this._sample(now - updated);
    }
    if (news) this._resync = false;
  }

  _sample(sample) {
    if (this._recent.length && sample > this.offset + this._bound) {
      this._late.push(sample);
      if (this._late.length < this._samples) return;
      this._recent = this._late; // late every time: the browser's clock moved ahead
    } else {
      this._recent.push(sample);
      if (this._recent.length > this._samples) this._recent.shift();
    }
    this._late = [];
  }

  /** Browser clock minus server clock, ms (0 until measured). */
  get offset() {
    return this._recent.length ? Math.min(...this._recent) : 0;
  }
}

const STYLE = `
  :host { display: block; }
  ha-card { padding: 16px; color: var(--primary-text-color); }
  .header { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; }
  .title { font-size: var(--ha-font-size-xl, 20px); font-weight: var(--ha-font-weight-medium, 500); }
  .phase { color: var(--secondary-text-color); }
  .main { display: flex; align-items: center; gap: 16px; margin: 12px 0; flex-wrap: wrap; }
  .ring { position: relative; width: 128px; height: 128px; flex: none; }
  .ring svg { width: 100%; height: 100%; transform: rotate(-90deg); }
  .ring circle { fill: none; stroke-width: 8; }
  .ring .track { stroke: var(--divider-color, rgba(127, 127, 127, 0.3)); }
  .ring .left { stroke: var(--primary-color); stroke-linecap: round; transition: stroke-dashoffset 0.9s linear; }
  .ring.paused .left { stroke: var(--warning-color, #ffa600); }
  .ring .label { position: absolute; inset: 0; display: flex; flex-direction: column;
    align-items: center; justify-content: center; text-align: center; }
  .time { font-size: 26px; font-variant-numeric: tabular-nums; font-weight: 500; }
  .caption { font-size: 12px; color: var(--secondary-text-color); }
  .stats { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px; flex: 1; min-width: 180px; }
  .stat { display: flex; flex-direction: column; }
  .stat .value { font-size: 16px; font-variant-numeric: tabular-nums; }
  .stat .name { font-size: 12px; color: var(--secondary-text-color); }
  .buttons { display: flex; gap: 8px; flex-wrap: wrap; }
  button { display: inline-flex; align-items: center; gap: 6px; min-height: 40px; padding: 0 16px;
    border: none; border-radius: 20px; font: inherit; font-weight: 500; cursor: pointer;
    background: var(--primary-color); color: var(--text-primary-color, #fff); }
  button.secondary { background: transparent; color: var(--primary-color);
    box-shadow: inset 0 0 0 1px var(--divider-color, rgba(127, 127, 127, 0.5)); }
  button.stop { background: var(--error-color, #db4437); color: var(--text-primary-color, #fff); }
  button:disabled { opacity: 0.5; cursor: default; }
  button:focus-visible { outline: 2px solid var(--primary-color); outline-offset: 2px; }
  ha-icon { --mdc-icon-size: 20px; }
  .safety { margin-top: 12px; padding: 8px 12px; border-radius: 8px;
    border-left: 4px solid var(--success-color, #43a047); background: var(--secondary-background-color); }
  .safety.warn { border-left-color: var(--warning-color, #ffa600); }
  .safety.block { border-left-color: var(--error-color, #db4437); }
  .safety ul { margin: 4px 0 0; padding-left: 20px; color: var(--secondary-text-color); }
  .next { margin-top: 12px; color: var(--secondary-text-color); }
  .error { margin-top: 12px; color: var(--error-color, #db4437); }
  .safety.note { border-left-color: var(--warning-color, #ffa600); }
  .safety.note ul { color: var(--primary-text-color); }
  .message { color: var(--secondary-text-color); }
`;

class RetrowalkCard extends HTMLElement {
  static getConfigElement() {
    return document.createElement(EDITOR);
  }

  static getStubConfig(hass) {
    return { device: firstDevice(hass) || "" };
  }

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    this._timer = undefined;
    this._seen = undefined;
    this._parts = undefined; // the last HTML of each part, while the card's frame stands
    this._error = undefined; // { id, text, key }: a refused action, until it is stale
    this._errors = 0;
    this._warning = undefined; // { reasons, seenOn }: the start's warnings, until the session ends
    this._busy = false;
    this._focusAction = undefined;
    this._skew = new ClockSkew();
    this._onVisibility = () => {
      if (document.visibilityState === "visible") this._skew.resync();
    };
  }

  setConfig(config) {
    if (!config || typeof config !== "object") throw new Error("Invalid configuration");
    if (config.device !== this._config?.device) {
      this._error = undefined; // another person's news
      this._warning = undefined;
    }
    this._config = { ...config };
    this._seen = undefined;
    this._render();
  }

  set hass(hass) {
    // Back online: the states changed meanwhile arrive late, no clock skew samples.
    if (this._hass?.connected === false && hass?.connected !== false) this._skew.resync();
    this._hass = hass;
    this._render();
  }

  get hass() {
    return this._hass;
  }

  getCardSize() {
    return 5;
  }

  getGridOptions() {
    return { columns: 12, min_columns: 6, min_rows: 4 };
  }

  connectedCallback() {
    document.addEventListener("visibilitychange", this._onVisibility);
    this._syncTimer();
  }

  disconnectedCallback() {
    document.removeEventListener("visibilitychange", this._onVisibility);
    // Off the page the card may get no updates: the next one may bring old news.
    this._skew.resync();
    this._stopTimer();
  }

  /** Entity ids and states of the configured person, or why they are missing. */
  _person() {
    const hass = this._hass;
    const deviceId = this._config?.device;
    if (!deviceId) return { problem: "choose_device" };
    // The registry object is replaced when it changes: look the entities up only then.
    if (this._ids?.entities !== hass.entities || this._ids?.deviceId !== deviceId) {
      this._ids = { entities: hass.entities, deviceId, found: findEntities(hass, deviceId) };
    }
    const ids = this._ids.found;
    const device = hass.devices?.[deviceId];
    const session = hass.states[ids["switch.session"]];
    if (!session || !hass.states[ids["sensor.phase"]]) return { problem: "missing", ids, device };
    const entryId =
      device?.primary_config_entry || (device?.config_entries || [])[0] || undefined;
    const states = {};
    for (const [key, entityId] of Object.entries(ids)) states[key] = hass.states[entityId];
    return { ids, device, states, entryId, name: device?.name_by_user || device?.name || "" };
  }

  /** What identifies the session's state: on/off, paused, phase and last transition. */
  _sessionKey(person) {
    const session = person.states?.["switch.session"];
    if (!session) return "";
    const { finishes_at: finishesAt, last_transition: transition } = session.attributes;
    return [session.state, Boolean(finishesAt), transition, person.states["sensor.phase"]?.state].join("|");
  }

  /** What a refusal answered: the session's state and the safe-to-start verdict. */
  _errorKey(person) {
    const safety = person.states?.["binary_sensor.safe_to_start"]?.attributes;
    return [this._sessionKey(person), safety?.verdict, JSON.stringify(safety?.reasons ?? null)].join("|");
  }

  /**
   * Clock skew samples (only while the tab shows and is connected); drop an error once
   * the session or the verdict changed, a start warning once the session ended.
   */
  _observe(person) {
    if (!person.states) return;
    const live = document.visibilityState !== "hidden" && this._hass.connected !== false;
    this._skew.observe(Object.values(person.states), Date.now(), live);
    if (this._error && this._error.key !== this._errorKey(person)) this._error = undefined;
    if (this._warning) {
      const on = person.states["switch.session"].state === "on";
      if (on) this._warning.seenOn = true;
      else if (this._warning.seenOn) this._warning = undefined;
    }
  }

  /** Redraw the parts whose content changed (a state, the registry, the language or config). */
  _render() {
    if (!this._hass || !this._config) return;
    const person = this._person();
    this._observe(person);
    const seen = [
      this._hass.locale?.language,
      this._hass.themes?.darkMode,
      person.problem,
      person.device,
      this._error?.id,
      this._warning?.reasons,
      this._busy,
      ...Object.entries(person.ids || {}).flat(),
      ...Object.values(person.ids || {}).map((entityId) => this._hass.entities?.[entityId]),
      ...Object.values(person.states || {}),
    ];
    if (this._seen && seen.length === this._seen.length && seen.every((item, i) => item === this._seen[i])) {
      return;
    }
    this._seen = seen;
    this._current = person;
    const t = texts(this._hass);
    if (person.problem) {
      this._parts = undefined;
      this.shadowRoot.innerHTML = `<style>${STYLE}</style>
        <ha-card><div class="message" role="status">${escapeHtml(t[person.problem])}</div></ha-card>`;
      this._syncTimer();
      return;
    }
    if (!this._parts) {
      // The frame stands while the person is found; the live regions in it stay, so a
      // screen reader announces their news once, not at every redraw.
      this._parts = {};
      this.shadowRoot.innerHTML = `<style>${STYLE}</style>
        <ha-card>
          <div data-part="top"></div>
          <div class="buttons" data-part="buttons"></div>
          <div role="alert" data-part="error"></div>
          <div role="status" data-part="warning"></div>
          <div role="status" data-part="safety"></div>
          <div data-part="next"></div>
        </ha-card>`;
    }
    const active = person.states["switch.session"].state === "on";
    const paused = active && !person.states["switch.session"].attributes.finishes_at;
    const name = person.name;
    this._part("top", this._top(active, paused, name, t));
    this._part("error", this._error
      ? `<div class="error" data-role="error" data-n="${this._error.id}">${escapeHtml(this._error.text)}</div>`
      : "");
    this._part("warning", this._warningNote(t));
    this._part("safety", active ? "" : this._safety(t));
    this._part("next", this._next(t));
    const focused = this.shadowRoot.activeElement?.dataset?.action || this._focusAction;
    if (this._part("buttons", this._buttons(active, paused, name, t))) {
      for (const button of this.shadowRoot.querySelectorAll("button[data-action]")) {
        button.addEventListener("click", () => this._call(button.dataset.action));
      }
      if (focused && !this._busy) {
        // Keep the keyboard place: the same action, else the first button.
        const again = this.shadowRoot.querySelector(`button[data-action="${focused}"]`);
        (again || this.shadowRoot.querySelector("button[data-action]"))?.focus();
      }
    }
    if (!this._busy) this._focusAction = undefined;
    this._tick();
    this._syncTimer();
  }

  /** Replace a part's content if it changed; true when it did. */
  _part(name, html) {
    if (this._parts[name] === html) return false;
    this._parts[name] = html;
    this.shadowRoot.querySelector(`[data-part="${name}"]`).innerHTML = html;
    return true;
  }

  /** Header, countdown ring and live figures. */
  _top(active, paused, name, t) {
    const person = this._current;
    return `<div class="header">
          <span class="title">${escapeHtml(name || t.name)}</span>
          <span class="phase" data-role="phase">${escapeHtml(this._stateText(person.states["sensor.phase"]))}</span>
        </div>
        <div class="main">
          <div class="ring${paused ? " paused" : ""}" role="timer" aria-live="off">
            <svg viewBox="0 0 100 100" aria-hidden="true">
              <circle class="track" cx="50" cy="50" r="${RING_RADIUS}"></circle>
              <circle class="left" cx="50" cy="50" r="${RING_RADIUS}"
                stroke-dasharray="${RING_LENGTH.toFixed(2)}" stroke-dashoffset="${RING_LENGTH.toFixed(2)}"></circle>
            </svg>
            <div class="label">
              <span class="time" data-role="time">–:––</span>
              <span class="caption">${escapeHtml(paused ? t.paused : active ? t.time_left : t.idle)}</span>
            </div>
          </div>
          <div class="stats">
            ${this._stat("sensor.speed", t.speed)}
            ${this._stat("sensor.distance", t.distance)}
            ${this._stat("sensor.energy", t.energy)}
          </div>
        </div>`;
  }

  _stateText(stateObj) {
    if (!stateObj) return "";
    return this._hass.formatEntityState
      ? this._hass.formatEntityState(stateObj)
      : `${stateObj.state} ${stateObj.attributes.unit_of_measurement || ""}`.trim();
  }

  _stat(key, label) {
    const stateObj = this._current.states[key];
    if (!stateObj) return "";
    return `<div class="stat"><span class="value" data-role="${key}">${escapeHtml(this._stateText(stateObj))}</span>
      <span class="name">${escapeHtml(label)}</span></div>`;
  }

  _buttons(active, paused, name, t) {
    const button = (action, icon, text, label, kind = "") =>
      `<button type="button" class="${kind}" data-action="${action}"${this._busy ? " disabled" : ""}
        aria-label="${escapeHtml(format(label, { name: name || t.name }))}">
        <ha-icon icon="${icon}" aria-hidden="true"></ha-icon><span>${escapeHtml(text)}</span></button>`;
    if (!active) return button("start", "mdi:play", t.start, t.start_label);
    return [
      paused
        ? button("resume", "mdi:play", t.resume, t.resume_label)
        : button("pause", "mdi:pause", t.pause, t.pause_label, "secondary"),
      button("stop", "mdi:stop", t.stop, t.stop_label, "stop"),
    ].join("");
  }

  /** The safe-to-start verdict and its reasons; nothing when the sensor does not exist. */
  _safety(t) {
    const safety = this._current.states["binary_sensor.safe_to_start"];
    const verdict = safety?.attributes?.verdict;
    if (!safety || !["ok", "warn", "block"].includes(verdict)) return "";
    const reasons = Array.isArray(safety.attributes.reasons) ? safety.attributes.reasons : [];
    const items = reasons
      .map((reason) => `<li>${escapeHtml(this._reasonText(reason))}</li>`)
      .join("");
    return `<div class="safety ${verdict}" data-role="safety">
      <span>${escapeHtml(t[`verdict_${verdict}`])}</span>${items ? `<ul>${items}</ul>` : ""}</div>`;
  }

  /** The warnings the start of the running session returned; shown until it ends. */
  _warningNote(t) {
    if (!this._warning) return "";
    const items = this._warning.reasons
      .map((reason) => `<li>${escapeHtml(this._reasonText(String(reason)))}</li>`)
      .join("");
    return `<div class="safety note" data-role="start-warning">
      <span>${escapeHtml(t.start_warning)}</span><ul>${items}</ul></div>`;
  }

  /** A safety reason code in the user's language (the safe-to-start sensor's texts). */
  _reasonText(reason) {
    const safety = this._current.states["binary_sensor.safe_to_start"];
    const text =
      (safety && this._hass.formatEntityAttributeValue?.(safety, "reasons", reason)) ||
      this._hass.localize?.(
        `component.${DOMAIN}.entity.binary_sensor.safe_to_start.state_attributes.reasons.state.${reason}`,
      );
    return text && text !== reason ? text : reason.replace(/_/g, " ");
  }

  /**
   * The next session, as Start will run it: planned day and time, length, speed (the
   * backend's text, in the unit system's unit) and program; marked when overridden.
   */
  _next(t) {
    const next = this._current.states["sensor.next_session"];
    if (!next || ["unknown", "unavailable"].includes(next.state)) return "";
    const { duration_min: minutes, speed, program, overridden } = next.attributes;
    const programText =
      (program && this._hass.localize?.(`component.${DOMAIN}.entity.select.program.state.${program}`)) ||
      program;
    const parts = [
      this._whenText(next.state) || this._stateText(next),
      minutes != null ? format(t.minutes, { minutes }) : "",
      speed || "",
      programText || "",
    ].filter(Boolean);
    const changed = Array.isArray(overridden) && overridden.length ? ` (${t.changed})` : "";
    return `<div class="next" data-role="next">${escapeHtml(t.next)}: ${escapeHtml(parts.join(" · "))}${escapeHtml(changed)}</div>`;
  }

  /** A timestamp as a short local day and time ("Mon 23 Nov, 18:00"), in the user's language. */
  _whenText(value) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return "";
    const language = this._hass.locale?.language || this._hass.language;
    const timeZone = this._hass.locale?.time_zone === "server" ? this._hass.config?.time_zone : undefined;
    try {
      const day = date.toLocaleDateString(language, { weekday: "short", day: "numeric", month: "short", timeZone });
      const time = date.toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit", timeZone });
      return `${day}, ${time}`;
    } catch (_err) {
      return value;
    }
  }

  /** Redraw the countdown: once a second while walking, frozen while paused. */
  _tick() {
    const root = this.shadowRoot;
    const time = root.querySelector("[data-role=time]");
    const ring = root.querySelector(".ring .left");
    if (!time || !ring || !this._current?.states) return;
    const state = countdown(this._current.states["switch.session"], Date.now() - this._skew.offset);
    time.textContent = state ? formatClock(state.left) : "–:––";
    ring.setAttribute("stroke-dashoffset", (RING_LENGTH * (1 - (state?.share ?? 0))).toFixed(2));
    root.querySelector(".ring").setAttribute(
      "aria-label",
      `${texts(this._hass).time_left}: ${time.textContent}`,
    );
  }

  _syncTimer() {
    const session = this._current?.states?.["switch.session"];
    const running = this.isConnected && session?.state === "on" && session.attributes.finishes_at;
    if (running && this._timer === undefined) {
      this._timer = window.setInterval(() => this._tick(), 1000);
    } else if (!running) {
      this._stopTimer();
    }
  }

  _stopTimer() {
    if (this._timer !== undefined) {
      window.clearInterval(this._timer);
      this._timer = undefined;
    }
  }

  /** Call the action; a refusal (e.g. an unsafe start) and a start's warnings show in the card. */
  async _call(action) {
    const entryId = this._current?.entryId;
    const start = action === "start";
    const data = entryId ? { config_entry_id: entryId } : {};
    // The card shows the warnings itself, so the start needs no notification.
    if (start) data.acknowledge_warnings = true;
    if (this.shadowRoot.activeElement?.dataset?.action === action) this._focusAction = action;
    this._error = undefined; // a new try: the last refusal is old news
    this._busy = true;
    this._render();
    let error;
    let reasons;
    try {
      // Not notifying on errors: the card shows them (no second toast).
      const result = await this._hass.callService(DOMAIN, `${action}_session`, data, undefined, false, start);
      reasons = result?.response?.reasons;
    } catch (err) {
      error = await this._errorText(err);
    }
    this._busy = false;
    if (error) {
      this._errors += 1;
      this._error = { id: this._errors, text: error, key: this._errorKey(this._person()) };
    } else {
      this._error = undefined;
      if (start) {
        this._warning = Array.isArray(reasons) && reasons.length ? { reasons, seenOn: false } : undefined;
      }
    }
    this._render();
  }

  /** A refusal's message in the user's language (the integration's exception texts). */
  async _errorText(err) {
    if (err?.translation_domain && err?.translation_key && this._hass.loadBackendTranslation) {
      try {
        const localize = await this._hass.loadBackendTranslation("exceptions", err.translation_domain);
        const text = localize(
          `component.${err.translation_domain}.exceptions.${err.translation_key}.message`,
          err.translation_placeholders || {},
        );
        if (text) return text;
      } catch (_err) {
        // fall back to the server's (English) message
      }
    }
    return err?.message || String(err);
  }
}

/** Visual editor: pick the person's device. */
class RetrowalkCardEditor extends HTMLElement {
  setConfig(config) {
    this._config = { ...config };
    this._render();
  }

  set hass(hass) {
    this._hass = hass;
    this._render();
  }

  async connectedCallback() {
    if (!customElements.get("ha-form") && window.loadCardHelpers) {
      // ha-form is loaded lazily; the entities card's editor pulls it in.
      const helpers = await window.loadCardHelpers();
      const card = await helpers.createCardElement({ type: "entities", entities: [] });
      await card.constructor.getConfigElement?.();
    }
    this._render();
  }

  _render() {
    if (!this._hass || !this._config) return;
    if (!this._form) {
      this._form = document.createElement("ha-form");
      this._form.schema = [
        { name: "device", required: true, selector: { device: { filter: { integration: DOMAIN } } } },
      ];
      this._form.computeLabel = () => texts(this._hass).device;
      this._form.addEventListener("value-changed", (event) => {
        this._config = { ...this._config, ...event.detail.value };
        this.dispatchEvent(
          new CustomEvent("config-changed", { detail: { config: this._config }, bubbles: true, composed: true }),
        );
      });
      this.appendChild(this._form);
    }
    this._form.hass = this._hass;
    this._form.data = this._config;
  }
}

if (!customElements.get(CARD)) customElements.define(CARD, RetrowalkCard);
if (!customElements.get(EDITOR)) customElements.define(EDITOR, RetrowalkCardEditor);

window.customCards = window.customCards || [];
if (!window.customCards.some((card) => card.type === CARD)) {
  const t = texts({ language: document.documentElement.lang });
  window.customCards.push({
    type: CARD,
    name: t.name,
    description: t.description,
    preview: true,
  });
}
