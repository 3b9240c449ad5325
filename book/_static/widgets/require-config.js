// The modules in embed-amd.js load their icon fonts from the folder of their own AMD module,
// which require.js would place next to the page (notebooks/@jupyter-widgets/...). Place them
// all in this folder instead, where the fonts are.
(function () {
  var here = document.currentScript.src.replace(/\/[^/]*$/, "");
  window.require.config({
    paths: {
      "@jupyter-widgets": here,
      "@jupyter-widgets/html-manager/dist": here,
    },
  });
})();
