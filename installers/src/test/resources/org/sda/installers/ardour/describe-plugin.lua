-- Instantiates one plugin on a MIDI track of a new headless session and prints what Ardour
-- sees of it, one "SDA-DESCRIBE ..." line per fact, on stderr:
--
--   ardour7-lua describe-plugin.lua SESSION_DIR PLUGIN_TYPE PLUGIN_ID
--
--   SDA-DESCRIBE plugin <name>
--   SDA-DESCRIBE instrument <true|false>
--   SDA-DESCRIBE outputs <audio output count>
--   SDA-DESCRIBE param <index>|<lower>|<upper>|<default>|<label>     (input controls only)

local function say(...)
  local parts = {}
  for i = 1, select("#", ...) do parts[#parts + 1] = tostring((select(i, ...))) end
  io.stderr:write("SDA-DESCRIBE " .. table.concat(parts, " ") .. "\n")
  io.stderr:flush()
end

local session_dir, plugin_type, plugin_id = arg[1], arg[2], arg[3]
if not create_session(session_dir, "describe", 48000) then error("could not create " .. session_dir) end

local types = { LV2 = ARDOUR.PluginType.LV2, VST3 = ARDOUR.PluginType.VST3 }
local info = ARDOUR.LuaAPI.new_plugin_info(plugin_id, types[plugin_type])
if info:isnil() then say("missing", plugin_type, plugin_id); close_session(); return end
say("plugin", info.name)
say("instrument", tostring(info:is_instrument()))

-- Strict I/O and input auto-connect off, as in render-midi-session.lua (Ardour 7.3 races there).
local tracks = Session:new_midi_track(
  ARDOUR.ChanCount(ARDOUR.DataType("midi"), 1), ARDOUR.ChanCount(ARDOUR.DataType("audio"), 2),
  false, info, nil, nil, 1, "Instrument", ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, false)
local insert = tracks:front():nth_plugin(0):to_insert()
local plugin = insert:plugin(0)
say("outputs", plugin:get_info().n_outputs:n_audio())
for i = 0, plugin:parameter_count() - 1 do
  if plugin:parameter_is_input(i) and plugin:parameter_is_control(i) then
    local _, t = plugin:get_parameter_descriptor(i, ARDOUR.ParameterDescriptor())
    local d = t[2]
    say("param", table.concat({ i, d.lower, d.upper, d.normal, d.label }, "|"))
  end
end
close_session()
