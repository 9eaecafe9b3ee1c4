-- Renders MIDI notes through one instrument plugin in a new headless Ardour session.
--
--   ardour7-lua render-midi-session.lua SESSION_DIR PLUGIN_TYPE PLUGIN_ID SECONDS NOTES
--
-- PLUGIN_TYPE is LV2 or VST3; PLUGIN_ID the plugin's URI (LV2), or its name or class id (VST3,
-- as found in the cache ardour-vst3-scanner wrote). NOTES is "pitch:startBeat:beats:velocity,..."
-- at the session's default 120 bpm. Exports SECONDS of the master bus, from 0, to
-- SESSION_DIR/render.wav with Ardour's shipped "WAV @ session-rate" preset.
--
-- Progress goes to stderr line by line: Ardour 7.3 sometimes aborts while it tears the session
-- down after the export, and whatever it buffered on stdout is lost then. The caller judges
-- render.wav, not the exit status.

local function say(...)
  local parts = {}
  for i = 1, select("#", ...) do parts[#parts + 1] = tostring((select(i, ...))) end
  io.stderr:write("SDA-RENDER " .. table.concat(parts, " ") .. "\n")
  io.stderr:flush()
end

local function fail(message)
  say("ERROR", message)
  error(message)
end

local session_dir, plugin_type, plugin_id, seconds, notes = arg[1], arg[2], arg[3], tonumber(arg[4]), arg[5]
if not (session_dir and plugin_type and plugin_id and seconds and notes) then
  fail("usage: render-midi-session.lua SESSION_DIR PLUGIN_TYPE PLUGIN_ID SECONDS NOTES")
end
local rate = 48000

if not create_session(session_dir, "render", rate) then fail("could not create the session in " .. session_dir) end
say("session", session_dir, "rate", Session:nominal_sample_rate())

local types = { LV2 = ARDOUR.PluginType.LV2, VST3 = ARDOUR.PluginType.VST3 }
if not types[plugin_type] then fail("unknown plugin type " .. plugin_type) end
local info = ARDOUR.LuaAPI.new_plugin_info(plugin_id, types[plugin_type])
if info:isnil() then fail("Ardour does not know the plugin " .. plugin_type .. " " .. plugin_id) end
say("plugin", info.name, "instrument", tostring(info:is_instrument()))

-- Strict I/O off: with it, Ardour 7.3 on a busy machine often registers the new track's output
-- port twice ("Port already exists: Instrument/audio_out 1") and aborts (11 of 15 runs with its
-- own synth here, none of 15 without). Input auto-connect off: the dummy backend has no MIDI
-- hardware to connect, and the region is the only source of notes.
local tracks = Session:new_midi_track(
  ARDOUR.ChanCount(ARDOUR.DataType("midi"), 1), ARDOUR.ChanCount(ARDOUR.DataType("audio"), 2),
  false, info, nil, nil, 1, "Instrument", ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, false)
if tracks:size() ~= 1 then fail("could not add a MIDI track with the plugin") end
local track = tracks:front()
local insert = track:nth_plugin(0)
if insert:isnil() then fail("the track has no plugin") end
say("track", track:name(), "plugin-insert", insert:display_name())

-- Ardour 7.3's Lua has no way to create an empty MIDI region directly (the editor does it in
-- C++); bouncing the still-empty track yields one, of the bounced length, backed by a new
-- MIDI source in the session.
local region = track:bounce_range(0, math.floor(rate * seconds), ARDOUR.InterThreadInfo(),
  ARDOUR.LuaAPI.nil_proc(), false, "notes")
if region:isnil() or region:to_midiregion():isnil() then fail("could not make a MIDI region") end
local model = region:to_midiregion():midi_source(0):model()

local diff = model:new_note_diff_command("add notes")
local count = 0
for pitch, start, beats, velocity in notes:gmatch("(%d+):([%d.]+):([%d.]+):(%d+)") do
  local s, l = tonumber(start), tonumber(beats)
  diff:add(ARDOUR.LuaAPI.new_noteptr(0,
    Temporal.Beats(math.floor(s), math.floor((s % 1) * 1920 + 0.5)),
    Temporal.Beats(math.floor(l), math.floor((l % 1) * 1920 + 0.5)),
    tonumber(pitch), tonumber(velocity)))
  count = count + 1
end
model:apply_command(Session, diff)
say("notes", count, "in-model", ARDOUR.LuaAPI.note_list(model):size())
track:playlist():add_region(region, Temporal.timepos_t(0), 1, false)

Session:save_state("", false, false, false, false, false)

local export = Session:simple_export()
export:set_name("render")
export:set_folder(session_dir)
export:set_range(0, math.floor(rate * seconds))
if not export:set_preset("75969a1c-3133-4694-864b-a1fa50e43348") then fail("no WAV export preset") end
local ok = export:run_export()
say("exported", tostring(ok), session_dir .. "/render.wav")
close_session()
say("closed")
