/**
 * Text forms shared by every layer: escaping for HTML/SVG and tables with an HTML and a plain
 * text form. A bottom layer like {@code sim} and {@code wire} (it imports nothing else from the
 * sandbox), so the stack's own tables (ARP cache, routes, MAC table) render the same way as the
 * sandbox's others.
 */
package portolan.sandbox.text;
