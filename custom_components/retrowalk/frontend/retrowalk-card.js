/**
 * Retrowalk dashboard card: one person's backward-walking session.
 *
 * A plain web component (no build step), served and registered by the integration.
 * The session switch carries the phase, the next start and the summary (the phase and
 * next-session sensors are disabled by default). Before a start it shows what Start
 * will run (the switch's next-session attributes and the one-start `duration`/`speed`
 * numbers, with steppers); during a session a ring divided into the plan's phases (the
 * switch's `phases` attribute), elapsed and remaining time, and distance, steps and
 * energy interpolated each second from the sensors' `per_minute`/`as_of` attributes;
 * after it, the summary the switch carries while the phase is finished. All of it is computed here, once a second, from stored
 * timestamps (corrected for the browser's clock skew, see `ClockSkew`): Home
 * Assistant writes no state for it.
 * Entities are found through the chosen device: `hass.entities` gives each entity's
 * device_id, platform and translation_key.
 */

const DOMAIN = "retrowalk";
const CARD = "retrowalk-card";
const EDITOR = "retrowalk-card-editor";
const RING_RADIUS = 45;
const RING_LENGTH = 2 * Math.PI * RING_RADIUS;
const EXTEND_MINUTES = 5;
const LENGTH_STEP_MIN = 5;
const CONFIRM_MS = 5000;
/** Metres in a distance unit, kilocalories in an energy unit (the user may pick one). */
const METRES = { m: 1, km: 1000, mi: 1609.344, ft: 0.3048, yd: 0.9144, cm: 0.01, mm: 0.001, in: 0.0254 };
const KCAL = { kcal: 1, cal: 0.001, Mcal: 1000, J: 1 / 4184, kJ: 1 / 4.184, MJ: 1000 / 4.184, Wh: 0.8598, kWh: 859.8 };

/**
 * The card's own texts. Entity names, phase and program names, safety reasons and
 * refusals come from the integration's translations (`hass.localize`).
 */
const TEXTS = {
  en: {
    name: "Retrowalk",
    description: "Backward-walking session: what Start runs, live figures, controls and a summary.",
    device: "Person (Retrowalk device)",
    device_helper: "Leave empty to show the person linked to whoever is logged in.",
    pace_option: "Show pace (min/km or min/mi) instead of speed",
    choose_device: "Choose a person in the card's settings, or link a Retrowalk person to your user (Reconfigure).",
    missing: "The Retrowalk entities of this person were not found. Is the person still set up in Settings → Devices & services?",
    start: "Start",
    pause: "Pause",
    resume: "Resume",
    stop: "Stop",
    stop_now: "Stop now",
    keep: "Keep walking",
    stop_ask: "End the session?",
    extend: "+5 min",
    done: "Done",
    start_label: "Start a session for {name}",
    pause_label: "Pause the session of {name}",
    resume_label: "Resume the session of {name}",
    stop_label: "Stop the session of {name} (asks first)",
    stop_now_label: "Yes, stop the session of {name} now",
    keep_label: "Keep walking: do not stop",
    extend_label: "Add 5 minutes to the session of {name}",
    done_label: "Close the summary",
    less_label: "Less: {what}",
    more_label: "More: {what}",
    speed: "Speed",
    pace: "Pace",
    distance: "Distance",
    steps: "Steps",
    energy: "Energy",
    heart_rate: "Heart rate",
    phase_left: "{time} left",
    rest: "Rest",
    start_runs: "Next start",
    ready: "Ready",
    length: "Length",
    program: "Program",
    planned: "Planned {when}",
    changed: "changed for this start",
    verdict_ok: "Safe to start",
    verdict_warn: "Start with care",
    verdict_block: "A start would be refused",
    paused: "Paused",
    start_warning: "Started with a safety warning",
    well_done: "Well done!",
    stopped_early: "Stopped early: still counted.",
    not_saved: "Not saved",
    too_short: "Under a minute of walking: too short to be recorded.",
    goal: "Weekly goal",
  },
  de: {
    name: "Retrowalk",
    description: "Rückwärtsgehen: was Start ausführt, Live-Werte, Steuerung und eine Zusammenfassung.",
    device: "Person (Retrowalk-Gerät)",
    device_helper: "Leer lassen, um die mit dem angemeldeten Benutzer verknüpfte Person zu zeigen.",
    pace_option: "Tempo (min/km oder min/mi) statt Geschwindigkeit zeigen",
    choose_device: "Wähle in den Karteneinstellungen eine Person oder verknüpfe eine Retrowalk-Person mit deinem Benutzer (Neu konfigurieren).",
    missing: "Die Retrowalk-Entitäten dieser Person wurden nicht gefunden. Ist die Person unter Einstellungen → Geräte & Dienste noch eingerichtet?",
    start: "Start",
    pause: "Pause",
    resume: "Weiter",
    stop: "Stopp",
    stop_now: "Jetzt beenden",
    keep: "Weitergehen",
    stop_ask: "Training beenden?",
    extend: "+5 Min.",
    done: "Fertig",
    start_label: "Training für {name} starten",
    pause_label: "Training von {name} pausieren",
    resume_label: "Training von {name} fortsetzen",
    stop_label: "Training von {name} beenden (mit Rückfrage)",
    stop_now_label: "Ja, Training von {name} jetzt beenden",
    keep_label: "Weitergehen: nicht beenden",
    extend_label: "Training von {name} um 5 Minuten verlängern",
    done_label: "Zusammenfassung schließen",
    less_label: "Weniger: {what}",
    more_label: "Mehr: {what}",
    speed: "Geschwindigkeit",
    pace: "Tempo",
    distance: "Strecke",
    steps: "Schritte",
    energy: "Energie",
    heart_rate: "Herzfrequenz",
    phase_left: "noch {time}",
    rest: "Erholung",
    start_runs: "Nächster Start",
    ready: "Bereit",
    length: "Dauer",
    program: "Programm",
    planned: "Geplant {when}",
    changed: "für diesen Start geändert",
    verdict_ok: "Start möglich",
    verdict_warn: "Mit Vorsicht starten",
    verdict_block: "Ein Start würde abgelehnt",
    paused: "Pausiert",
    start_warning: "Mit Sicherheitswarnung gestartet",
    well_done: "Gut gemacht!",
    stopped_early: "Vorzeitig beendet: zählt trotzdem.",
    not_saved: "Nicht gespeichert",
    too_short: "Weniger als eine Minute gegangen: zu kurz zum Aufzeichnen.",
    goal: "Wochenziel",
  },
  fr: {
    name: "Retrowalk",
    description: "Marche arrière : ce que lance Démarrer, valeurs en direct, commandes et bilan.",
    device: "Personne (appareil Retrowalk)",
    device_helper: "Laisser vide pour afficher la personne liée à l'utilisateur connecté.",
    pace_option: "Afficher l'allure (min/km ou min/mi) au lieu de la vitesse",
    choose_device: "Choisissez une personne dans les réglages de la carte, ou liez une personne Retrowalk à votre utilisateur (Reconfigurer).",
    missing: "Les entités Retrowalk de cette personne sont introuvables. La personne est-elle encore configurée dans Paramètres → Appareils et services ?",
    start: "Démarrer",
    pause: "Pause",
    resume: "Reprendre",
    stop: "Arrêter",
    stop_now: "Arrêter maintenant",
    keep: "Continuer",
    stop_ask: "Terminer la séance ?",
    extend: "+5 min",
    done: "Fermer",
    start_label: "Démarrer une séance pour {name}",
    pause_label: "Mettre en pause la séance de {name}",
    resume_label: "Reprendre la séance de {name}",
    stop_label: "Arrêter la séance de {name} (avec confirmation)",
    stop_now_label: "Oui, arrêter maintenant la séance de {name}",
    keep_label: "Continuer à marcher : ne pas arrêter",
    extend_label: "Ajouter 5 minutes à la séance de {name}",
    done_label: "Fermer le bilan",
    less_label: "Moins : {what}",
    more_label: "Plus : {what}",
    speed: "Vitesse",
    pace: "Allure",
    distance: "Distance",
    steps: "Pas",
    energy: "Énergie",
    heart_rate: "Fréquence cardiaque",
    phase_left: "encore {time}",
    rest: "Repos",
    start_runs: "Prochain départ",
    ready: "Prêt",
    length: "Durée",
    program: "Programme",
    planned: "Prévue {when}",
    changed: "modifié pour ce départ",
    verdict_ok: "Démarrage possible",
    verdict_warn: "Démarrer avec prudence",
    verdict_block: "Un démarrage serait refusé",
    paused: "En pause",
    start_warning: "Séance démarrée avec un avertissement de sécurité",
    well_done: "Bravo !",
    stopped_early: "Arrêtée plus tôt : elle compte quand même.",
    not_saved: "Non enregistrée",
    too_short: "Moins d'une minute de marche : trop court pour être enregistré.",
    goal: "Objectif hebdo",
  },
  es: {
    name: "Retrowalk",
    description: "Marcha atrás: lo que hace Iniciar, valores en vivo, controles y un resumen.",
    device: "Persona (dispositivo Retrowalk)",
    device_helper: "Déjalo vacío para mostrar la persona vinculada al usuario que ha iniciado sesión.",
    pace_option: "Mostrar ritmo (min/km o min/mi) en lugar de velocidad",
    choose_device: "Elige una persona en los ajustes de la tarjeta o vincula una persona de Retrowalk a tu usuario (Reconfigurar).",
    missing: "No se encontraron las entidades de Retrowalk de esta persona. ¿Sigue configurada en Ajustes → Dispositivos y servicios?",
    start: "Iniciar",
    pause: "Pausa",
    resume: "Reanudar",
    stop: "Detener",
    stop_now: "Detener ya",
    keep: "Seguir",
    stop_ask: "¿Terminar la sesión?",
    extend: "+5 min",
    done: "Cerrar",
    start_label: "Iniciar una sesión para {name}",
    pause_label: "Pausar la sesión de {name}",
    resume_label: "Reanudar la sesión de {name}",
    stop_label: "Detener la sesión de {name} (pide confirmación)",
    stop_now_label: "Sí, detener ya la sesión de {name}",
    keep_label: "Seguir caminando: no detener",
    extend_label: "Añadir 5 minutos a la sesión de {name}",
    done_label: "Cerrar el resumen",
    less_label: "Menos: {what}",
    more_label: "Más: {what}",
    speed: "Velocidad",
    pace: "Ritmo",
    distance: "Distancia",
    steps: "Pasos",
    energy: "Energía",
    heart_rate: "Pulso",
    phase_left: "quedan {time}",
    rest: "Descanso",
    start_runs: "Próximo inicio",
    ready: "Listo",
    length: "Duración",
    program: "Programa",
    planned: "Prevista {when}",
    changed: "cambiado para este inicio",
    verdict_ok: "Se puede iniciar",
    verdict_warn: "Iniciar con cuidado",
    verdict_block: "Un inicio sería rechazado",
    paused: "En pausa",
    start_warning: "Sesión iniciada con un aviso de seguridad",
    well_done: "¡Bien hecho!",
    stopped_early: "Detenida antes: cuenta igualmente.",
    not_saved: "No guardada",
    too_short: "Menos de un minuto caminando: demasiado corta para registrarse.",
    goal: "Objetivo semanal",
  },
  nl: {
    name: "Retrowalk",
    description: "Achteruitlopen: wat Start doet, live waarden, bediening en een samenvatting.",
    device: "Persoon (Retrowalk-apparaat)",
    device_helper: "Laat leeg om de persoon te tonen die aan de ingelogde gebruiker gekoppeld is.",
    pace_option: "Tempo (min/km of min/mi) tonen in plaats van snelheid",
    choose_device: "Kies een persoon in de instellingen van de kaart, of koppel een Retrowalk-persoon aan je gebruiker (Opnieuw configureren).",
    missing: "De Retrowalk-entiteiten van deze persoon zijn niet gevonden. Is de persoon nog ingesteld onder Instellingen → Apparaten en diensten?",
    start: "Start",
    pause: "Pauze",
    resume: "Hervat",
    stop: "Stop",
    stop_now: "Nu stoppen",
    keep: "Doorlopen",
    stop_ask: "Sessie beëindigen?",
    extend: "+5 min",
    done: "Sluiten",
    start_label: "Start een sessie voor {name}",
    pause_label: "Pauzeer de sessie van {name}",
    resume_label: "Hervat de sessie van {name}",
    stop_label: "Stop de sessie van {name} (vraagt eerst)",
    stop_now_label: "Ja, stop de sessie van {name} nu",
    keep_label: "Doorlopen: niet stoppen",
    extend_label: "Voeg 5 minuten toe aan de sessie van {name}",
    done_label: "Samenvatting sluiten",
    less_label: "Minder: {what}",
    more_label: "Meer: {what}",
    speed: "Snelheid",
    pace: "Tempo",
    distance: "Afstand",
    steps: "Stappen",
    energy: "Energie",
    heart_rate: "Hartslag",
    phase_left: "nog {time}",
    rest: "Rust",
    start_runs: "Volgende start",
    ready: "Klaar",
    length: "Duur",
    program: "Programma",
    planned: "Gepland {when}",
    changed: "gewijzigd voor deze start",
    verdict_ok: "Veilig om te starten",
    verdict_warn: "Start met zorg",
    verdict_block: "Een start zou worden geweigerd",
    paused: "Gepauzeerd",
    start_warning: "Gestart met een veiligheidswaarschuwing",
    well_done: "Goed gedaan!",
    stopped_early: "Eerder gestopt: telt toch mee.",
    not_saved: "Niet opgeslagen",
    too_short: "Minder dan een minuut gelopen: te kort om vast te leggen.",
    goal: "Weekdoel",
  },
};

/** The user's language code (region ignored). */
function languageOf(hass) {
  return (hass?.locale?.language || hass?.language || navigator.language || "en").toLowerCase().split("-")[0];
}

/** The card's texts in the user's language, English as fallback. */
function texts(hass) {
  return TEXTS[languageOf(hass)] || TEXTS.en;
}

/** The locale numbers are formatted in: the profile's number format, else the language. */
export function numberLocale(hass) {
  switch (hass?.locale?.number_format) {
    case "comma_decimal":
      return "en-US";
    case "decimal_comma":
      return "de-DE";
    case "space_comma":
      return "fr-FR";
    case "quote_decimal":
      return "de-CH";
    case "system":
      return undefined;
    default:
      return hass?.locale?.language || hass?.language || undefined;
  }
}

/** A number in the user's locale with exactly `digits` decimals. */
export function formatNumber(hass, value, digits = 0) {
  const options = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  if (hass?.locale?.number_format === "none") options.useGrouping = false;
  try {
    return new Intl.NumberFormat(numberLocale(hass), options).format(value);
  } catch (_err) {
    return value.toFixed(digits);
  }
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

/** "M:SS" below an hour, "H:MM:SS" from an hour on; `up` rounds up (a countdown). */
export function formatClock(seconds, up = true) {
  const whole = Math.max(0, up ? Math.ceil(seconds - 1e-6) : Math.floor(seconds + 1e-6));
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

/**
 * The device of the Retrowalk person linked to the logged-in user: their session
 * switch names a `person.*` entity whose `user_id` is the user's. Only if exactly one.
 */
export function userDevice(hass) {
  const userId = hass?.user?.id;
  if (!userId) return undefined;
  const devices = Object.values(hass?.entities || {})
    .filter((entry) => entry.platform === DOMAIN && entry.translation_key === "session")
    .filter((entry) => {
      const linked = hass.states[entry.entity_id]?.attributes?.linked_person;
      return linked && hass.states[linked]?.attributes?.user_id === userId;
    })
    .map((entry) => entry.device_id);
  return devices.length === 1 ? devices[0] : undefined;
}

/** The first device that has Retrowalk entities, for a new card. */
function firstDevice(hass) {
  const entry = Object.values(hass?.entities || {}).find(
    (item) => item.platform === DOMAIN && item.device_id,
  );
  return entry?.device_id;
}

/**
 * Seconds left, walked and the session's length at `now` (ms, server clock), and
 * the plan's phases with the current one. `finishes_at` is the server's time: pass
 * `Date.now()` corrected by `ClockSkew`.
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
  const elapsed = duration - left;
  const phases = [];
  let start = 0;
  for (const phase of Array.isArray(attributes.phases) ? attributes.phases : []) {
    const seconds = Number(phase?.seconds) || 0;
    phases.push({ kind: phase?.kind, start, seconds });
    start += seconds;
  }
  let current = phases.findIndex((phase) => elapsed < phase.start + phase.seconds);
  if (current < 0) current = phases.length - 1;
  const phaseLeft = current >= 0 ? phases[current].start + phases[current].seconds - elapsed : null;
  return { left, elapsed, duration, share: left / duration, paused: !attributes.finishes_at, phases, current, phaseLeft };
}

/**
 * A sensor's value moved on from its `as_of` at its `per_minute` rate, in the
 * sensor's unit: `scale` is how many native units (m, kcal, steps) make one of it.
 * `until` (ms) stops the interpolation (the session's end); `null` without a value.
 */
export function interpolate(stateObj, now, until, scale = 1) {
  const value = Number.parseFloat(stateObj?.state);
  if (!Number.isFinite(value)) return null;
  const rate = Number(stateObj.attributes?.per_minute);
  const asOf = Date.parse(stateObj.attributes?.as_of);
  if (!Number.isFinite(rate) || rate <= 0 || Number.isNaN(asOf) || !scale) return value;
  const minutes = Math.max(0, (Math.min(now, until ?? now) - asOf) / 60000);
  return value + (rate * minutes) / scale;
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
  ha-card { padding: 16px; color: var(--primary-text-color); container-type: inline-size; }
  .header { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; flex-wrap: wrap; }
  .title { font-size: var(--ha-font-size-xl, 20px); font-weight: var(--ha-font-weight-medium, 500); }
  .phase { color: var(--secondary-text-color); }
  .main { display: flex; align-items: center; gap: 16px; margin: 12px 0; }
  .ringbox { display: flex; flex-direction: column; align-items: center; gap: 4px; flex: none; width: 168px; }
  .ring { position: relative; width: 160px; height: 160px; }
  .ring svg { width: 100%; height: 100%; transform: rotate(-90deg); }
  .ring circle { fill: none; stroke-width: 8; }
  .ring .track { stroke: var(--divider-color, rgba(127, 127, 127, 0.3)); }
  .ring .fill { stroke: var(--primary-color); transition: stroke-dasharray 0.9s linear; }
  .ring .fill.warmup, .ring .fill.cooldown { stroke: var(--success-color, #43a047); }
  .ring .fill.rest { stroke: var(--secondary-text-color); }
  .ring.paused .fill { stroke: var(--warning-color, #ffa600); }
  .ring .label { position: absolute; inset: 0; display: flex; flex-direction: column;
    align-items: center; justify-content: center; text-align: center; }
  .time { font-size: 30px; font-variant-numeric: tabular-nums; font-weight: 500; line-height: 1.2; }
  .caption { font-size: 12px; color: var(--secondary-text-color); }
  .now { text-align: center; font-size: 14px; }
  .now .left { color: var(--secondary-text-color); font-variant-numeric: tabular-nums; }
  .now .reason { display: block; margin-top: 2px; color: var(--warning-color, #ffa600); font-size: 13px; }
  .stats { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px 8px; flex: 1; min-width: 0; }
  .stat { display: flex; flex-direction: column; min-width: 0; }
  .stat .value { font-size: 18px; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
  .stat .name { font-size: 12px; color: var(--secondary-text-color); overflow-wrap: anywhere; }
  @container (max-width: 480px) {
    .main { flex-direction: column; align-items: stretch; }
    .ringbox { align-self: center; }
  }
  .buttons { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
  .ask { flex-basis: 100%; font-weight: 500; }
  button { display: inline-flex; align-items: center; justify-content: center; gap: 6px;
    min-height: 48px; min-width: 48px; padding: 0 18px;
    border: none; border-radius: 24px; font: inherit; font-weight: 500; cursor: pointer;
    background: var(--primary-color); color: var(--text-primary-color, #fff); }
  button.secondary { background: transparent; color: var(--primary-color);
    box-shadow: inset 0 0 0 1px var(--divider-color, rgba(127, 127, 127, 0.5)); }
  button.stop { background: transparent; color: var(--error-color, #db4437);
    box-shadow: inset 0 0 0 1px var(--error-color, #db4437); margin-left: auto; }
  button.stop-now { background: var(--error-color, #db4437); color: #fff; }
  button.round { padding: 0; width: 48px; border-radius: 50%; }
  button:disabled { opacity: 0.5; cursor: default; }
  button:focus-visible { outline: 2px solid var(--primary-color); outline-offset: 2px; }
  ha-icon { --mdc-icon-size: 20px; }
  .plan { margin: 12px 0; }
  .plan .lead { color: var(--secondary-text-color); font-size: 14px; }
  .fields { display: flex; flex-wrap: wrap; gap: 8px 24px; margin: 8px 0; }
  .field { display: flex; flex-direction: column; }
  .field .name { font-size: 12px; color: var(--secondary-text-color); }
  .stepper { display: flex; align-items: center; gap: 4px; }
  .stepper .value { min-width: 84px; text-align: center; font-size: 20px; font-variant-numeric: tabular-nums; }
  .field .plain { font-size: 20px; line-height: 48px; }
  .when { color: var(--secondary-text-color); font-size: 14px; }
  .summary { margin: 12px 0; }
  .summary .headline { font-size: 20px; font-weight: 500; }
  .summary .sub { color: var(--secondary-text-color); margin: 4px 0 12px; }
  .summary.unsaved .headline { color: var(--warning-color, #ffa600); }
  .safety { margin-top: 12px; padding: 8px 12px; border-radius: 8px;
    border-left: 4px solid var(--success-color, #43a047); background: var(--secondary-background-color); }
  .safety.warn { border-left-color: var(--warning-color, #ffa600); }
  .safety.block { border-left-color: var(--error-color, #db4437); }
  .safety ul { margin: 4px 0 0; padding-left: 20px; color: var(--secondary-text-color); }
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
    // A user linked to a person gets a card that follows whoever is logged in.
    return userDevice(hass) ? {} : { device: firstDevice(hass) || "" };
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
    this._confirmUntil = 0; // Stop asks first: the confirmation shows until then (ms)
    this._confirmTimer = undefined;
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
      this._confirmUntil = 0;
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
    return 6;
  }

  getGridOptions() {
    return { columns: 12, min_columns: 6, min_rows: 5 };
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
    const deviceId = this._deviceId();
    if (!deviceId) return { problem: "choose_device" };
    // The registry object is replaced when it changes: look the entities up only then.
    if (this._ids?.entities !== hass.entities || this._ids?.deviceId !== deviceId) {
      this._ids = { entities: hass.entities, deviceId, found: findEntities(hass, deviceId) };
    }
    const ids = this._ids.found;
    const device = hass.devices?.[deviceId];
    const session = hass.states[ids["switch.session"]];
    if (!session) return { problem: "missing", ids, device };
    const entryId =
      device?.primary_config_entry || (device?.config_entries || [])[0] || undefined;
    const states = {};
    for (const [key, entityId] of Object.entries(ids)) states[key] = hass.states[entityId];
    const heartRate = session.attributes.heart_rate_sensor;
    if (heartRate) states.heart_rate = hass.states[heartRate];
    return { ids, device, states, entryId, name: device?.name_by_user || device?.name || "" };
  }

  /** What identifies the session's state: on/off, paused, phase and last transition. */
  _sessionKey(person) {
    const session = person.states?.["switch.session"];
    if (!session) return "";
    const { finishes_at: finishesAt, last_transition: transition } = session.attributes;
    return [session.state, Boolean(finishesAt), transition, session.attributes.phase].join("|");
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
    this._skew.observe(Object.values(person.states).filter(Boolean), Date.now(), live);
    if (this._error && this._error.key !== this._errorKey(person)) this._error = undefined;
    if (this._warning) {
      const on = person.states["switch.session"].state === "on";
      if (on) this._warning.seenOn = true;
      else if (this._warning.seenOn) this._warning = undefined;
    }
  }

  /** The summary the session switch carries while finished, unless dismissed here. */
  _summary(person) {
    const attributes = person.states?.["switch.session"]?.attributes;
    const summary = attributes?.phase === "finished" ? attributes : undefined;
    if (!summary?.ended_at || typeof summary.saved !== "boolean") return undefined;
    return this._dismissedKey() === summary.ended_at ? undefined : summary;
  }

  /** The configured person's device, or with none the logged-in user's person. */
  _deviceId() {
    return this._config?.device || userDevice(this._hass);
  }

  _storageKey() {
    return `${CARD}:dismissed:${this._deviceId()}`;
  }

  _dismissedKey() {
    try {
      return window.localStorage.getItem(this._storageKey());
    } catch (_err) {
      return this._dismissed;
    }
  }

  _dismiss(endedAt) {
    this._dismissed = endedAt;
    try {
      window.localStorage.setItem(this._storageKey(), endedAt);
    } catch (_err) {
      // private mode: remembered for this page only
    }
  }

  /** Redraw the parts whose content changed (a state, the registry, the language or config). */
  _render() {
    if (!this._hass || !this._config) return;
    const person = this._person();
    this._observe(person);
    const confirming = this._confirmUntil > Date.now();
    const seen = [
      this._hass.locale?.language,
      this._hass.locale?.number_format,
      this._hass.themes?.darkMode,
      this._config,
      person.problem,
      person.device,
      this._error?.id,
      this._warning?.reasons,
      this._busy,
      confirming,
      this._dismissedKey(),
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
          <div role="status" data-part="summary"></div>
          <div class="buttons" data-part="buttons"></div>
          <div role="alert" data-part="error"></div>
          <div role="status" data-part="warning"></div>
          <div role="status" data-part="safety"></div>
        </ha-card>`;
    }
    const session = person.states["switch.session"];
    const active = session.state === "on";
    const paused = active && !session.attributes.finishes_at;
    if (!active) this._confirmUntil = 0;
    const summary = active ? undefined : this._summary(person);
    const name = person.name;
    this._part("top", active ? this._running(paused, t) : this._idle(name, Boolean(summary), t));
    this._part("summary", summary ? this._summaryHtml(summary, t) : "");
    this._part("error", this._error
      ? `<div class="error" data-role="error" data-n="${this._error.id}">${escapeHtml(this._error.text)}</div>`
      : "");
    this._part("warning", this._warningNote(t));
    this._part("safety", active ? "" : this._safety(t));
    const focused = this._focusKey(this.shadowRoot.activeElement) || this._focusAction;
    const buttons = active
      ? this._sessionButtons(paused, confirming && active, name, t)
      : this._startButtons(Boolean(summary), summary, name, t);
    this._part("buttons", buttons);
    this._bindButtons();
    if (focused && !this._busy) {
      // Keep the keyboard place: the same action, else the first button.
      const [action, field] = focused.split("|");
      const again = this.shadowRoot.querySelector(
        `button[data-action="${action}"]${field ? `[data-field="${field}"]` : ""}`,
      );
      const target = again || this.shadowRoot.querySelector("[data-part=buttons] button[data-action]");
      if (target && this.shadowRoot.activeElement !== target) target.focus();
    }
    if (!this._busy) this._focusAction = undefined;
    this._tick();
    this._syncTimer();
  }

  /** Which button has the focus: its action, and its field for a stepper. */
  _focusKey(element) {
    const action = element?.dataset?.action;
    return action ? `${action}|${element.dataset.field || ""}` : undefined;
  }

  /** Listen on the buttons once (a redrawn part brings new ones). */
  _bindButtons() {
    for (const button of this.shadowRoot.querySelectorAll("button[data-action]")) {
      if (button._bound) continue;
      button._bound = true;
      button.addEventListener("click", () => this._press(button.dataset.action, button.dataset));
    }
  }

  /** Replace a part's content if it changed; true when it did. */
  _part(name, html) {
    if (this._parts[name] === html) return false;
    this._parts[name] = html;
    this.shadowRoot.querySelector(`[data-part="${name}"]`).innerHTML = html;
    return true;
  }

  _header(t, phaseText) {
    return `<div class="header">
          <span class="title">${escapeHtml(this._current.name || t.name)}</span>
          <span class="phase" data-role="phase">${escapeHtml(phaseText)}</span>
        </div>`;
  }

  /** An entity's name in the user's language (the integration's translations), else `fallback`. */
  _entityName(domain, key, fallback) {
    const text = this._hass.localize?.(`component.${DOMAIN}.entity.${domain}.${key}.name`);
    return text || fallback;
  }

  /** A phase sensor state in the user's language. */
  _phaseName(state, t) {
    if (state === "rest") return t.rest;
    const text = this._hass.localize?.(`component.${DOMAIN}.entity.sensor.phase.state.${state}`);
    return text || state;
  }

  /** During a session: the phase ring with time left, the phase now, and the live figures. */
  _running(paused, t) {
    const states = this._current.states;
    const session = states["switch.session"];
    const plan = countdown(session, Date.now());
    const phases = plan?.phases?.length ? plan.phases : [{ kind: "backward", start: 0, seconds: plan?.duration || 1 }];
    const total = phases.reduce((sum, phase) => sum + phase.seconds, 0) || 1;
    const arcs = phases
      .map((phase, index) => {
        const start = (RING_LENGTH * phase.start) / total;
        const length = (RING_LENGTH * phase.seconds) / total;
        const gap = phases.length > 1 ? Math.min(2, length * 0.3) : 0;
        const offset = (-start).toFixed(2);
        const dash = `${Math.max(0, length - gap).toFixed(2)} ${RING_LENGTH.toFixed(2)}`;
        return `<circle class="track" cx="50" cy="50" r="${RING_RADIUS}" stroke-dasharray="${dash}" stroke-dashoffset="${offset}"></circle>
              <circle class="fill ${escapeHtml(phase.kind)}" data-arc="${index}" data-length="${Math.max(0, length - gap).toFixed(2)}"
                cx="50" cy="50" r="${RING_RADIUS}" stroke-dasharray="0 ${RING_LENGTH.toFixed(2)}" stroke-dashoffset="${offset}"></circle>`;
      })
      .join("");
    const pace = Boolean(this._config.pace);
    const reason = paused ? this._pauseReason(session.attributes.pause_reason) : "";
    const stats = [
      this._figure("elapsed", this._entityName("sensor", "elapsed", "Time walked")),
      this._figure("speed", pace ? t.pace : t.speed),
      states["sensor.distance"] ? this._figure("distance", t.distance) : "",
      states["sensor.steps"] ? this._figure("steps", t.steps) : "",
      states["sensor.energy"] ? this._figure("energy", t.energy) : "",
      states.heart_rate ? this._figure("heart-rate", t.heart_rate) : "",
    ].join("");
    return `${this._header(t, this._phaseName(session.attributes.phase, t))}
        <div class="main">
          <div class="ringbox">
            <div class="ring${paused ? " paused" : ""}" role="timer" aria-live="off">
              <svg viewBox="0 0 100 100" aria-hidden="true">${arcs}</svg>
              <div class="label">
                <span class="time" data-role="time">–:––</span>
                <span class="caption">${escapeHtml(paused ? t.paused : this._entityName("sensor", "remaining", "Time left"))}</span>
              </div>
            </div>
            <div class="now"><span data-role="phase-name"></span><br><span class="left" data-role="phase-left"></span>${reason ? `<span class="reason" data-role="pause-reason">${escapeHtml(reason)}</span>` : ""}</div>
          </div>
          <div class="stats">${stats}</div>
        </div>`;
  }

  /** Why the session paused itself (the belt stopped...), in the user's language; "" if the person paused. */
  _pauseReason(reason) {
    if (!reason) return "";
    return this._hass.localize?.(`component.${DOMAIN}.entity.switch.session.state_attributes.pause_reason.state.${reason}`) || "";
  }

  _figure(role, label) {
    return `<div class="stat"><span class="value" data-role="${role}">–</span>
      <span class="name">${escapeHtml(label)}</span></div>`;
  }

  /** Before a start: what Start runs (length, speed, program), with steppers for this start. */
  _idle(name, summary, t) {
    const states = this._current.states;
    if (summary) return this._header(t, this._phaseName("finished", t));
    const phaseText = t.ready;
    const attributes = states["switch.session"].attributes;
    const duration = states["number.duration"];
    const speed = states["number.speed"];
    const overridden = Array.isArray(attributes.overridden) ? attributes.overridden : [];
    const lengthLabel = t.length;
    const speedLabel = t.speed;
    const minutes = this._numberValue(duration) ?? attributes.duration_min;
    const lengthText = minutes != null ? this._minutesText(minutes) : "–";
    const speedValue = this._numberValue(speed);
    const speedText =
      speedValue != null
        ? `${formatNumber(this._hass, speedValue, 1)} ${speed.attributes.unit_of_measurement || ""}`.trim()
        : attributes.speed || "–";
    const program = attributes.program;
    const programText =
      (program && this._hass.localize?.(`component.${DOMAIN}.entity.select.program.state.${program}`)) || program;
    const when = attributes.next_session ? this._whenText(attributes.next_session) : "";
    const changed = overridden.length ? ` · ${t.changed}` : "";
    const field = (key, label, text, entity) =>
      entity
        ? `<div class="field"><span class="name">${escapeHtml(label)}</span>
            <div class="stepper">
              <button type="button" class="secondary round" data-action="less" data-field="${key}"
                aria-label="${escapeHtml(format(t.less_label, { what: label }))}"${this._busy ? " disabled" : ""}><ha-icon icon="mdi:minus" aria-hidden="true"></ha-icon></button>
              <span class="value" data-role="plan-${key}">${escapeHtml(text)}</span>
              <button type="button" class="secondary round" data-action="more" data-field="${key}"
                aria-label="${escapeHtml(format(t.more_label, { what: label }))}"${this._busy ? " disabled" : ""}><ha-icon icon="mdi:plus" aria-hidden="true"></ha-icon></button>
            </div></div>`
        : `<div class="field"><span class="name">${escapeHtml(label)}</span>
            <span class="plain" data-role="plan-${key}">${escapeHtml(text)}</span></div>`;
    return `${this._header(t, phaseText)}
        <div class="plan" data-role="next">
          <div class="lead">${escapeHtml(t.start_runs)}${escapeHtml(changed)}</div>
          <div class="fields">
            ${field("duration", lengthLabel, lengthText, duration)}
            ${field("speed", speedLabel, speedText, speed)}
            ${programText ? field("program", t.program, programText) : ""}
          </div>
          ${when ? `<div class="when">${escapeHtml(format(t.planned, { when }))}</div>` : ""}
        </div>`;
  }

  _numberValue(stateObj) {
    const value = Number.parseFloat(stateObj?.state);
    return Number.isFinite(value) ? value : null;
  }

  _minutesText(minutes) {
    try {
      return new Intl.NumberFormat(numberLocale(this._hass), {
        style: "unit",
        unit: "minute",
        unitDisplay: "short",
        maximumFractionDigits: 0,
      }).format(minutes);
    } catch (_err) {
      return `${minutes} min`;
    }
  }

  /** After a session: what it did, the week's goal and the streak; unsaved says so. */
  _summaryHtml(summary, t) {
    const states = this._current.states;
    const figures = [
      [this._entityName("sensor", "elapsed", "Time walked"), formatClock(summary.walked_s ?? 0, false), "walked"],
      [t.distance, this._distanceText(summary.distance_m ?? 0, states["sensor.distance"]), "distance"],
      [t.steps, formatNumber(this._hass, summary.steps ?? 0, 0), "steps"],
      [t.energy, `${formatNumber(this._hass, summary.energy_kcal ?? 0, (summary.energy_kcal ?? 0) < 10 ? 1 : 0)} kcal`, "energy"],
    ];
    const goal = this._numberValue(states["sensor.goal_progress"]);
    if (goal != null) figures.push([t.goal, `${formatNumber(this._hass, goal, 0)} %`, "goal"]);
    const streak = this._numberValue(states["sensor.streak"]);
    if (streak != null) figures.push([this._entityName("sensor", "streak", "Streak"), this._weeksText(streak), "streak"]);
    const headline = summary.saved ? t.well_done : t.not_saved;
    const sub = !summary.saved ? t.too_short : summary.completed ? "" : t.stopped_early;
    const stats = figures
      .map(([label, value, role]) => `<div class="stat"><span class="value" data-role="summary-${role}">${escapeHtml(value)}</span>
        <span class="name">${escapeHtml(label)}</span></div>`)
      .join("");
    return `<div class="summary${summary.saved ? "" : " unsaved"}" data-role="summary" data-saved="${summary.saved}">
        <div class="headline">${escapeHtml(headline)}</div>
        ${sub ? `<div class="sub" data-role="summary-note">${escapeHtml(sub)}</div>` : '<div class="sub"></div>'}
        <div class="stats">${stats}</div>
      </div>`;
  }

  _weeksText(weeks) {
    try {
      return new Intl.NumberFormat(numberLocale(this._hass), { style: "unit", unit: "week", unitDisplay: "long" }).format(weeks);
    } catch (_err) {
      return String(weeks);
    }
  }

  /** Metres in the distance sensor's unit (km below 1 km as m), in the user's locale. */
  _distanceText(metres, sensor) {
    const unit = sensor?.attributes?.unit_of_measurement || (this._hass.config?.unit_system?.length === "mi" ? "mi" : "km");
    if (unit === "km" && metres < 1000) return `${formatNumber(this._hass, metres, 0)} m`;
    const per = METRES[unit];
    if (!per) return `${formatNumber(this._hass, metres, 0)} m`;
    const value = metres / per;
    return `${formatNumber(this._hass, value, per >= 1000 ? 2 : 0)} ${unit}`;
  }

  _button(action, icon, text, label, kind, name, t) {
    return `<button type="button" class="${kind}" data-action="${action}"${this._busy ? " disabled" : ""}
        aria-label="${escapeHtml(format(label, { name: name || t.name }))}">
        ${icon ? `<ha-icon icon="${icon}" aria-hidden="true"></ha-icon>` : ""}<span>${escapeHtml(text)}</span></button>`;
  }

  _startButtons(withSummary, summary, name, t) {
    const start = this._button("start", "mdi:play", t.start, t.start_label, "", name, t);
    if (!withSummary) return start;
    return `${start}<button type="button" class="secondary" data-action="done" data-ended="${escapeHtml(summary.ended_at)}"
        aria-label="${escapeHtml(t.done_label)}"><span>${escapeHtml(t.done)}</span></button>`;
  }

  /**
   * Pause or resume, +5 min and Stop; Stop asks first: "Stop now" takes the place of
   * Pause (not of Stop), so a second stray tap on the same spot keeps walking.
   */
  _sessionButtons(paused, confirming, name, t) {
    const b = (...args) => this._button(...args, name, t);
    if (confirming) {
      return [
        `<span class="ask" data-role="stop-ask">${escapeHtml(t.stop_ask)}</span>`,
        b("stop-now", "mdi:stop", t.stop_now, t.stop_now_label, "stop-now"),
        b("keep", "mdi:walk", t.keep, t.keep_label, "secondary"),
      ].join("");
    }
    return [
      paused
        ? b("resume", "mdi:play", t.resume, t.resume_label, "")
        : b("pause", "mdi:pause", t.pause, t.pause_label, "secondary"),
      b("extend", "mdi:timer-plus-outline", t.extend, t.extend_label, "secondary"),
      b("stop", "mdi:stop", t.stop, t.stop_label, "stop"),
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

  /** A timestamp as a short local day and time ("Mon 23 Nov, 18:00"), in the user's language. */
  _whenText(value) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return "";
    const language = this._hass.locale?.language || this._hass.language;
    const timeZone = this._hass.locale?.time_zone === "server" ? this._hass.config?.time_zone : undefined;
    try {
      const day = date.toLocaleDateString(language, { weekday: "short", day: "numeric", month: "short", timeZone });
      const time = date.toLocaleTimeString(language, { hour: "numeric", minute: "2-digit", timeZone });
      return `${day}, ${time}`;
    } catch (_err) {
      return value;
    }
  }

  /** Redraw what moves: clocks, the ring and the figures, once a second while walking. */
  _tick() {
    const root = this.shadowRoot;
    const time = root.querySelector("[data-role=time]");
    if (!time || !this._current?.states) return;
    const states = this._current.states;
    const now = Date.now() - this._skew.offset;
    const t = texts(this._hass);
    const session = states["switch.session"];
    const state = countdown(session, now);
    time.textContent = state ? formatClock(state.left) : "–:––";
    root.querySelector(".ring")?.setAttribute(
      "aria-label",
      `${this._entityName("sensor", "remaining", "Time left")}: ${time.textContent}`,
    );
    if (!state) return;
    for (const arc of root.querySelectorAll(".ring .fill")) {
      const phase = state.phases[Number(arc.dataset.arc)];
      const length = Number(arc.dataset.length);
      const done = phase ? Math.min(Math.max((state.elapsed - phase.start) / phase.seconds, 0), 1) : state.elapsed / state.duration;
      arc.setAttribute("stroke-dasharray", `${(length * done).toFixed(2)} ${RING_LENGTH.toFixed(2)}`);
    }
    const setText = (role, text) => {
      const element = root.querySelector(`[data-role="${role}"]`);
      if (element && element.textContent !== text) element.textContent = text;
    };
    const current = state.phases[state.current];
    setText("phase-name", current ? this._phaseName(current.kind === "backward" ? "active" : current.kind, t) : "");
    setText("phase-left", state.phaseLeft != null ? format(t.phase_left, { time: formatClock(state.phaseLeft) }) : "");
    setText("elapsed", formatClock(state.elapsed, false));
    const until = session.attributes.finishes_at ? Date.parse(session.attributes.finishes_at) : now;
    setText("speed", this._speedText(states["sensor.speed"], state.paused));
    const distanceSensor = states["sensor.distance"];
    if (distanceSensor) {
      const unit = distanceSensor.attributes.unit_of_measurement;
      const value = interpolate(distanceSensor, now, until, METRES[unit] || 1);
      setText("distance", value == null ? "–" : this._distanceText(value * (METRES[unit] || 1), distanceSensor));
    }
    const steps = interpolate(states["sensor.steps"], now, until, 1);
    if (steps != null) setText("steps", formatNumber(this._hass, Math.floor(steps), 0));
    const energySensor = states["sensor.energy"];
    if (energySensor) {
      const unit = energySensor.attributes.unit_of_measurement || "kcal";
      const scale = KCAL[unit] ? 1 / KCAL[unit] : 1;
      const value = interpolate(energySensor, now, until, scale);
      setText("energy", value == null ? "–" : `${formatNumber(this._hass, value, 1)} ${unit}`);
    }
    const heart = states.heart_rate;
    if (heart) {
      const bpm = this._numberValue(heart);
      setText("heart-rate", bpm == null ? "–" : `${formatNumber(this._hass, bpm, 0)} ${heart.attributes.unit_of_measurement || "bpm"}`);
    }
  }

  /** The speed sensor's value in the user's locale, or the pace (min per km or mi) if chosen. */
  _speedText(sensor, paused) {
    const value = this._numberValue(sensor);
    const unit = sensor?.attributes?.unit_of_measurement || "";
    if (value == null || paused) return "–";
    if (!this._config.pace) return `${formatNumber(this._hass, value, 1)} ${unit}`.trim();
    if (value <= 0) return "–";
    const distance = unit === "mph" ? "mi" : "km";
    const perHour = unit === "mph" || unit === "km/h" ? value : value * 3.6; // m/s → km/h
    return `${formatClock((3600 / perHour), false)} /${distance}`;
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

  /** A button was pressed: Stop asks first, steppers change this start, the rest are actions. */
  _press(action, dataset) {
    if (action === "stop") {
      this._confirmUntil = Date.now() + CONFIRM_MS;
      this._focusAction = "keep|";
      window.clearTimeout(this._confirmTimer);
      this._confirmTimer = window.setTimeout(() => this._render(), CONFIRM_MS + 50);
      this._render();
      return;
    }
    if (action === "keep") {
      this._confirmUntil = 0;
      this._focusAction = "stop|";
      this._render();
      return;
    }
    if (action === "done") {
      this._dismiss(dataset.ended);
      this._focusAction = "start|";
      this._render();
      return;
    }
    if (action === "less" || action === "more") {
      this._step(dataset.field, action === "more" ? 1 : -1);
      return;
    }
    if (action === "stop-now") {
      this._confirmUntil = 0;
      this._call("stop");
      return;
    }
    this._call(action);
  }

  /** Change the length (to the next multiple of 5 min) or speed (one step) for this start. */
  async _step(field, direction) {
    const entityId = this._current?.ids?.[`number.${field}`];
    const stateObj = this._hass.states[entityId];
    const value = this._numberValue(stateObj);
    if (value == null) return;
    const { min = -Infinity, max = Infinity, step = 1 } = stateObj.attributes;
    let next;
    if (field === "duration") {
      next = direction > 0
        ? Math.floor(value / LENGTH_STEP_MIN + 1e-9) * LENGTH_STEP_MIN + LENGTH_STEP_MIN
        : Math.ceil(value / LENGTH_STEP_MIN - 1e-9) * LENGTH_STEP_MIN - LENGTH_STEP_MIN;
    } else {
      next = Math.round((value + direction * step) / step) * step;
    }
    next = Math.min(Math.max(next, min), max);
    next = Number(next.toFixed(3));
    if (next === value) return;
    await this._call("set_value", { entity_id: entityId, value: next });
  }

  /** Call the action; a refusal (e.g. an unsafe start) and a start's warnings show in the card. */
  async _call(action, numberData) {
    const entryId = this._current?.entryId;
    const start = action === "start";
    const data = entryId ? { config_entry_id: entryId } : {};
    // The card shows the warnings itself, so the start needs no notification.
    if (start) data.acknowledge_warnings = true;
    if (action === "extend") data.minutes = EXTEND_MINUTES;
    const focusKey = this._focusKey(this.shadowRoot.activeElement);
    if (focusKey?.startsWith(`${action}|`) || numberData) this._focusAction = focusKey;
    this._error = undefined; // a new try: the last refusal is old news
    this._busy = true;
    this._render();
    let error;
    let reasons;
    try {
      // Not notifying on errors: the card shows them (no second toast).
      if (numberData) {
        await this._hass.callService("number", "set_value", { value: numberData.value }, { entity_id: numberData.entity_id }, false);
      } else {
        const service = `${action}_session`;
        const result = await this._hass.callService(DOMAIN, service, data, undefined, false, start);
        reasons = result?.response?.reasons;
      }
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

/** Visual editor: pick the person's device; pace instead of speed if wished. */
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
        { name: "device", selector: { device: { filter: { integration: DOMAIN } } } },
        { name: "pace", selector: { boolean: {} } },
      ];
      this._form.computeLabel = (schema) =>
        schema.name === "pace" ? texts(this._hass).pace_option : texts(this._hass).device;
      this._form.computeHelper = (schema) =>
        schema.name === "device" ? texts(this._hass).device_helper : undefined;
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
