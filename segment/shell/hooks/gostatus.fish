# gostatus init fish: add  gostatus init fish | source  to
# ~/.config/fish/config.fish (after oh-my-posh or starship init). Before each
# prompt it exports POSH_GOSTATUS, POSH_GOSTATUS_HEALTH and
# POSH_GOSTATUS_VERSION, running gostatus only when something the answer
# depends on changed: the exported variables gostatus reads, the directory,
# or a file (gostatus hands over _gostatus_unchanged, which checks them with
# path filter and path mtime, fish 3.5 or newer; it starts no process).
set -g _gostatus_seen ''
set -g _gostatus_fresh ''
set -g _gostatus_skip ''
set -g _gostatus_sig ''
set -g _gostatus_deps
@DEPS_GUARD@builtin -q path 2>/dev/null; and set -g _gostatus_deps --with-deps
function _gostatus_update
    # The exported variables the answer depends on (one match over the
    # exported names) and the directory: each name with "$$n", the value
    # exactly as exported (a list joined with spaces, a path variable's with
    # colons), all url-escaped in one call so the join is unambiguous.
    set -l _gostatus_sig_now $PWD
    for n in (set -nx | string match -r -- '^(?:[Gg][Oo]@PREFIXED@).*|^(?:@NAMES_RE@)$')
        set -a _gostatus_sig_now $n "$$n"
    end
    set _gostatus_sig_now (string escape --style=url -- $_gostatus_sig_now)
    set _gostatus_sig_now "$_gostatus_sig_now"
    if test -n "$_gostatus_skip"; and test "$_gostatus_sig_now" = "$_gostatus_sig"; and _gostatus_unchanged
        return 0
    end
    set -g _gostatus_skip ''
    set -g _gostatus_sig "$_gostatus_sig_now"
    set -l out
    if set out (command @BIN@ --export fish $_gostatus_deps@ARGS@ 2>/dev/null); and test -n "$out"
        string join \n -- $out | source
    else
        set -gx POSH_GOSTATUS ''
        set -gx POSH_GOSTATUS_HEALTH ''
        set -gx POSH_GOSTATUS_VERSION ''
    end
end
# Event handlers run before fish_prompt and leave $status alone.
function _gostatus_precmd --on-event fish_prompt
    if test -n "$_gostatus_seen"
        set -g _gostatus_seen ''
    else
        _gostatus_update
        set -g _gostatus_fresh 1
    end
end
function _gostatus_context
    if test -n "$_gostatus_fresh"
        set -g _gostatus_fresh ''
    else
        _gostatus_update
    end
    set -g _gostatus_seen 1
end
if functions -q set_poshcontext
    if not functions set_poshcontext | string match -q -- '*_gostatus_context*'
        functions -e _gostatus_orig_set_poshcontext
        functions --copy set_poshcontext _gostatus_orig_set_poshcontext
        function set_poshcontext
            _gostatus_context
            _gostatus_orig_set_poshcontext $argv
        end
    end
else
    function set_poshcontext
        _gostatus_context
    end
end
@NOTIFY@
